print("neuro-host: not built yet")
