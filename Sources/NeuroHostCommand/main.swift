print("neuro-host: being assembled")
