using Decodex.Core.Knowledge;

namespace Decodex.Core.Tests;

public sealed class ArchitectureTests
{
    [Fact]
    public void Core_ReferencesNoHostFramework()
    {
        var references = typeof(KnowledgeBase).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty);

        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || r.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || r.StartsWith("System.CommandLine", StringComparison.Ordinal));
    }

    [Fact]
    public void Core_PublicTypesAreSealedOrStaticOrAbstract()
    {
        var open = typeof(KnowledgeBase).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract)
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(open);
    }
}
