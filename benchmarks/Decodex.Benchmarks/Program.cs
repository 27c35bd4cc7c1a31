using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Decodex.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
