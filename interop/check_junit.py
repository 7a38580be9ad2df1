"""Reads a JUnit XML file with junitparser (the PyPI JUnit parser) and prints what it found as
JSON: every suite with its counts, every case with its result types and output. Used by
NeuroSim's JUnit test (Tests/NeuroSimTests/JUnitReportTests.swift)."""
import json
import sys

from junitparser import Error, Failure, JUnitXml, Skipped

xml = JUnitXml.fromfile(sys.argv[1])
suites = []
for suite in xml:
    cases = []
    for case in suite:
        results = []
        for result in case.result:
            kind = "failure" if isinstance(result, Failure) else "error" if isinstance(result, Error) else "skipped" if isinstance(result, Skipped) else "other"
            results.append({"kind": kind, "type": result.type, "message": result.message, "text": result.text})
        cases.append({"classname": case.classname, "name": case.name, "results": results, "systemOut": case.system_out})
    suites.append({"name": suite.name, "tests": suite.tests, "failures": suite.failures, "errors": suite.errors, "cases": cases})
print(json.dumps({"name": xml.name, "suites": suites}))
