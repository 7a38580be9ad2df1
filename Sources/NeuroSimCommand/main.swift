print("neuro-sim: not built yet")
