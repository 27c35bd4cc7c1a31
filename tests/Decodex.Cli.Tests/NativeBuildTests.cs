using System.Diagnostics;
using Decodex.Testing;

namespace Decodex.Cli.Tests;

/// <summary>
/// The native executable (the README's <c>dotnet publish</c>) answers exactly as the code run in-process:
/// lab import through the FHIR SDK's reflection, the embedded PGx data, the knowledge base beside it.
/// <c>.ci/run</c> publishes it and names it in <c>DECODEX_NATIVE_CLI</c>.
/// </summary>
public sealed class NativeBuildTests
{
    private static readonly string? Native = Environment.GetEnvironmentVariable("DECODEX_NATIVE_CLI");

    public static TheoryData<string[]> Commands()
    {
        var samples = Path.Combine(RepositoryPaths.Root, "samples");
        var fhir = Path.Combine(RepositoryPaths.Shared, "data", "labs", "fhir");
        var data = new TheoryData<string[]>
        {
            new[] { "genome", "inspect", Path.Combine(samples, "genome_23andme_synthetic.txt"), "--json" },
            new[] { "pgx", Path.Combine(samples, "genome_23andme_synthetic.txt"), "--json", "--drug", "clopidogrel", "--drug", "Zoloft" },
            new[] { "labs", "inspect", Path.Combine(samples, "labs.csv"), "--json" },
            new[] { "meds", "resolve", "sertraline", "Advil", "--json" },
            new[] { "report", Path.Combine(samples, "profile.yaml"), "--compound", "cerebrolysin", "--format", "json" },
        };
        if (Directory.Exists(fhir))
        {
            foreach (var bundle in Directory.GetFiles(fhir, "synthea-*.json").Order(StringComparer.Ordinal).Take(3))
            {
                data.Add(["labs", "inspect", bundle, "--json"]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void NativeExecutable_AnswersAsTheCodeInProcess(string[] args)
    {
        Assert.SkipWhen(Native is null, "DECODEX_NATIVE_CLI is not set: .ci/run publishes the native executable and names it there.");

        var expected = CliRun.Of(args);
        var native = Run(Native!, args);

        Assert.Equal(expected.ExitCode, native.ExitCode);
        Assert.Equal(expected.Output, native.Output);
    }

    [Fact]
    public void NativeExecutable_AnalysesATrialAsTheCodeInProcess()
    {
        Assert.SkipWhen(Native is null, "DECODEX_NATIVE_CLI is not set: .ci/run publishes the native executable and names it there.");
        string[] args = ["trial", "analyze", Path.Combine(RepositoryPaths.Root, "samples", "trial.csv"), "--json", "--prior", "focus=0.2,0.3"];

        var expected = CliRun.Of(args);
        var native = Run(Native!, args);

        // MathNet's t distribution in the native build; numbers compared to 1e-9 (code generation may differ in the last bits).
        Assert.Equal(0, native.ExitCode);
        using var a = System.Text.Json.JsonDocument.Parse(expected.Output);
        using var b = System.Text.Json.JsonDocument.Parse(native.Output);
        foreach (var (x, y) in a.RootElement.GetProperty("outcomes").EnumerateArray().Zip(b.RootElement.GetProperty("outcomes").EnumerateArray()))
        {
            foreach (var name in new[] { "probabilityPositive", "randomisationP", "rho", "sigma" })
            {
                Assert.Equal(x.GetProperty(name).GetDouble(), y.GetProperty(name).GetDouble(), 1e-9);
            }

            Assert.Equal(x.GetProperty("effect").GetProperty("lower").GetDouble(), y.GetProperty("effect").GetProperty("lower").GetDouble(), 1e-9);
        }
    }

    [Fact]
    public void NativeExecutable_ReadsFhirThroughTheSdk()
    {
        Assert.SkipWhen(Native is null, "DECODEX_NATIVE_CLI is not set: .ci/run publishes the native executable and names it there.");
        var bundle = Directory.GetFiles(Path.Combine(RepositoryPaths.Shared, "data", "labs", "fhir"), "synthea-*.json").Order(StringComparer.Ordinal).First();

        var native = Run(Native!, ["labs", "inspect", bundle]);

        Assert.DoesNotContain("LAB001", native.Output, StringComparison.Ordinal);
        Assert.Matches(@"Lab results: [1-9][0-9]* from 1 file", native.Output);
    }

    private static CliRun Run(string executable, string[] args)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the native executable did not finish in two minutes");
        return new CliRun(process.ExitCode, output.Result, error.Result);
    }
}
