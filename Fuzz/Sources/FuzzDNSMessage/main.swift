// libFuzzer runs the show: flags, corpus and the loop (FuzzRunner explains why main is ours).
import FuzzRunner

runLibFuzzer(fuzz)
