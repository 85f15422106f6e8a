// Every test here runs several .NET processes; on a 2-core machine they must not also compete with each other.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
