using System.Collections.Frozen;

namespace Concord.Stix.Validation.Values;

/// <summary>Which object types a reference property may point at.</summary>
internal sealed class RefTargets
{
    private static readonly FrozenSet<string> NotSdoOrSco = FrozenSet.Create(StringComparer.Ordinal,
        "relationship", "sighting", "bundle", "marking-definition", "language-content", "extension-definition");

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>? _allowed;
    private readonly Predicate<string>? _test;

    private RefTargets(string description, FrozenSet<string>? allowed, Predicate<string>? test)
    {
        Description = description;
        _allowed = allowed?.GetAlternateLookup<ReadOnlySpan<char>>();
        _test = test;
    }

    /// <summary>Any identifier.</summary>
    public static RefTargets Any { get; } = new("any object", null, null);

    /// <summary>STIX Domain Objects, including custom object types (which STIX treats as SDOs).</summary>
    public static RefTargets DomainObject { get; } = new("an SDO", null,
        t => StixTypes.KindOf(t) == StixKind.DomainObject && !StixTypes.CyberObservables.Contains(t));

    /// <summary>STIX Cyber-observable Objects (standard, or custom types the producer defined as SCOs).</summary>
    public static RefTargets CyberObservable { get; } = new("an SCO", null,
        t => StixTypes.CyberObservables.Contains(t) || !StixTypes.IsStandard(t));

    /// <summary>An SDO or an SCO, never an SRO, bundle or meta object (relationship source and target).</summary>
    public static RefTargets DomainOrObservable { get; } = new("an SDO or SCO", null, t => !NotSdoOrSco.Contains(t));

    /// <summary>Exactly the listed types.</summary>
    public static RefTargets Only(params string[] types) =>
        new(string.Join(" or ", types), FrozenSet.Create(StringComparer.Ordinal, types), null);

    public string Description { get; }

    public bool Allows(ReadOnlySpan<byte> type)
    {
        if (_allowed is { } allowed)
        {
            return JsonText.Contains(allowed, type);
        }

        // Only the rare predicate forms need the type as a string; FrozenSet lookups above stay allocation-free.
        return _test is null || _test(Intern(type));
    }

    // Standard type names are interned so the predicate path allocates nothing for them.
    private static string Intern(ReadOnlySpan<byte> type)
    {
        Span<char> chars = stackalloc char[type.Length];
        var count = System.Text.Encoding.UTF8.GetChars(type, chars);
        return KnownTypes.TryGetValue(chars[..count], out var known) ? known : new string(chars[..count]);
    }

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownTypes =
        StixTypes.DomainObjects.Concat(StixTypes.RelationshipObjects).Concat(StixTypes.CyberObservables).Concat(StixTypes.MetaObjects)
            .Append("bundle").ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
}
