using System.Runtime.CompilerServices;

namespace Decodex.Cli.Tests;

internal static class TestProcessSetup
{
#pragma warning disable CA2255 // A test assembly is where a module initializer belongs.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Prepare() => Decodex.Testing.TestProcess.Prepare();
}
