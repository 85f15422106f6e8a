// Floods, fuzzing and real processes: on a 2-core CI machine these tests run one at a time.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
