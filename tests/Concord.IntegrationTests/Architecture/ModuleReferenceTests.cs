using System.Reflection;

namespace Concord.IntegrationTests.Architecture;

/// <summary>
/// Which of our assemblies each may reference (src/Modules/README.md: a module sees the libraries and the modules it
/// builds on through their public doors; nothing sees the host). A new reference is a design decision: it fails here
/// until this table says so.
/// </summary>
public class ModuleReferenceTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Concord.Stix"] = [],
        ["Concord.Platform"] = [],
        ["Concord.Observables"] = ["Concord.Platform", "Concord.Stix"],
        ["Concord.Access"] = ["Concord.Platform", "Concord.Stix"],
        ["Concord.Notifications"] = ["Concord.Access", "Concord.Platform", "Concord.Stix"],
        ["Concord.Intel"] = ["Concord.Access", "Concord.Notifications", "Concord.Observables", "Concord.Platform", "Concord.Stix"],
        ["Concord.Teams"] = ["Concord.Access", "Concord.Notifications", "Concord.Observables", "Concord.Platform"],
        ["Concord.Incidents"] = ["Concord.Access", "Concord.Intel", "Concord.Notifications", "Concord.Observables", "Concord.Platform", "Concord.Stix", "Concord.Teams"],
        ["Concord.Taxii"] = ["Concord.Access", "Concord.Intel", "Concord.Platform", "Concord.Stix"],
        ["Concord.Federation"] = ["Concord.Access", "Concord.Intel", "Concord.Notifications", "Concord.Platform", "Concord.Stix", "Concord.Taxii"],
        ["Concord.Web"] = ["Concord.Access", "Concord.Federation", "Concord.Incidents", "Concord.Intel", "Concord.Notifications", "Concord.Observables", "Concord.Platform", "Concord.Stix", "Concord.Teams"],
    };

    public static TheoryData<string> Assemblies => [.. Allowed.Keys];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Assembly_ReferencesOnlyWhatItMay(string name)
    {
        var references = Assembly.Load(name).GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Concord.", StringComparison.Ordinal) || n == "concord")
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Subset(Allowed[name].ToHashSet(), references.ToHashSet());
    }

    [Fact]
    public void EveryConcordAssembly_IsInTheTable()
    {
        var ours = typeof(ModuleReferenceTests).Assembly.GetReferencedAssemblies()
            .Concat(Assembly.Load("concord").GetReferencedAssemblies())
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Concord.", StringComparison.Ordinal))
            .ToHashSet();

        Assert.Subset(Allowed.Keys.ToHashSet(), ours);
    }
}
