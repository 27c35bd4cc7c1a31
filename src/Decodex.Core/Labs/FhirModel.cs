using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;

namespace Decodex.Core.Labs;

/// <summary>
/// The Firely SDK's FHIR R4 model, built without walking assembly references. The SDK finds its model
/// by <c>ModelInspector.ForAssembly</c>, which loads every referenced assembly: a native (AOT) build of
/// <c>decodex</c> cannot, and the SDK asks for it from inside the deserializer (the mapping of
/// <c>Resource</c>). So the inspectors are built here from the two model assemblies, the way
/// <c>ForAssembly</c> builds them (the assembly, then what it references, then the CQL system types),
/// and placed in the SDK's cache before first use.
/// </summary>
internal static class FhirModel
{
    private static readonly Lazy<ModelInspector> R4 = new(Register, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The inspector for the R4 model (base and R4 assemblies), registered with the SDK.</summary>
    public static ModelInspector Inspector => R4.Value;

    /// <summary>Whether the SDK's cache held both inspectors after registration (checked by a test, so an SDK update that moves the cache is noticed).</summary>
    internal static bool Registered { get; private set; }

    // The SDK reads the JSON reader's line and position from two private fields, by reflection: a native
    // build keeps them only when asked to.
    [DynamicDependency(DynamicallyAccessedMemberTypes.NonPublicFields, typeof(System.Text.Json.JsonReaderState))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.NonPublicFields, typeof(ModelInspector))]
    private static ModelInspector Register()
    {
        var baseAssembly = typeof(Base).Assembly;
        var r4Assembly = typeof(Patient).Assembly;
        var baseInspector = Build(baseAssembly);
        var r4Inspector = Build(r4Assembly, baseAssembly);

        // The cache is private; reading it by name is the one way to hand the SDK an inspector. When a
        // later SDK moves it, the JIT build keeps working (the SDK builds its own) and a test fails.
        if (typeof(ModelInspector).GetField("_inspectedAssemblies", BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null) is ConcurrentDictionary<string, ModelInspector> cache)
        {
            _ = cache.GetOrAdd(baseAssembly.FullName!, baseInspector);
            var registeredR4 = cache.GetOrAdd(r4Assembly.FullName!, r4Inspector);
            Registered = true;
            return registeredR4;
        }

        return r4Inspector;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The native build roots the FHIR model assemblies (Decodex.Cli.csproj), so no exported type is trimmed.")]
    private static ModelInspector Build(Assembly model, params Assembly[] references)
    {
        var release = model.GetCustomAttribute<FhirModelAssemblyAttribute>()?.Since
            ?? throw new InvalidOperationException($"{model.GetName().Name} is not a FHIR model assembly.");
        var inspector = new ModelInspector(release);
        inspector.Import(model);
        foreach (var reference in references)
        {
            inspector.Import(reference);
        }

        var any = typeof(Hl7.Fhir.ElementModel.Types.Any);
        foreach (var type in any.Assembly.GetExportedTypes().Where(any.IsAssignableFrom))
        {
            inspector.ImportType(type);
        }

        return inspector;
    }
}
