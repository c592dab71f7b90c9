// Orleans grain calls side by side with a bare Channel<T> mailbox doing the same work, measured
// with BenchmarkDotNet in this process. Usage: dotnet run -c Release --project bench/Runtime.Bench
// [-- BenchmarkDotNet options, e.g. --iterationCount 5]
using Actors.Runtime.Bench;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

// In process: the silo starts in the benchmark's own process, and no project is generated and
// built per benchmark. A short job keeps the whole run within a few minutes on two cores; no
// unrolling, as one invocation is already 25,600 calls.
var job = Job.Default
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithWarmupCount(5)
    .WithIterationCount(20)
    .WithIterationTime(TimeInterval.FromMilliseconds(500))
    .WithUnrollFactor(1)
    .WithId("short");
var config = DefaultConfig.Instance.AddJob(job);

var summary = BenchmarkRunner.Run<CallBenchmarks>(config, args);
Console.WriteLine();
Console.WriteLine(CallsPerSecondTable.Render(summary));
