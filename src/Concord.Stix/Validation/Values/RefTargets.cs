using System.Collections.Frozen;

namespace Concord.Stix.Validation.Values;

/// <summary>
/// Which object types a reference property may point at: a set of allowed types, or a set of excluded ones (so that
/// custom types, which STIX lets producers add, are accepted where the family allows them).
/// </summary>
internal sealed class RefTargets
{
    private static readonly string[] NonObjects = ["relationship", "sighting", "bundle", "marking-definition", "language-content", "extension-definition"];

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _types;
    private readonly bool _excluded;

    private RefTargets(string description, bool excluded, IEnumerable<string> types)
    {
        Description = description;
        _excluded = excluded;
        _types = types.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Any identifier.</summary>
    public static RefTargets Any { get; } = new("any object", true, []);

    /// <summary>STIX Domain Objects, including custom object types (which STIX treats as SDOs).</summary>
    public static RefTargets DomainObject { get; } = new("an SDO", true, [.. NonObjects, .. StixTypes.CyberObservables]);

    /// <summary>STIX Cyber-observable Objects (standard, or custom types a producer defined as SCOs).</summary>
    public static RefTargets CyberObservable { get; } = new("an SCO", true, [.. NonObjects, .. StixTypes.DomainObjects]);

    /// <summary>An SDO or an SCO, never an SRO, bundle or meta object (relationship source and target).</summary>
    public static RefTargets DomainOrObservable { get; } = new("an SDO or SCO", true, NonObjects);

    /// <summary>Anything but the listed types.</summary>
    public static RefTargets Except(string description, params string[] types) => new(description, true, types);

    /// <summary>Exactly the listed types.</summary>
    public static RefTargets Only(params string[] types) => new(string.Join(" or ", types), false, types);

    public string Description { get; }

    public bool Allows(ReadOnlySpan<byte> type) => JsonText.Contains(_types, type) != _excluded;
}
