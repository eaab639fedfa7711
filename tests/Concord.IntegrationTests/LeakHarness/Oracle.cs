using Concord.Access;
using Concord.Stix;

namespace Concord.IntegrationTests.LeakHarness;

/// <summary>
/// Who is asking, as the fixture knows them: a name, a kind, the organisation (none for anonymous and an unbound peer
/// node; for a peer node bound to a node, the organisation that node hosts).
/// </summary>
public sealed record Reader(string Name, PrincipalKind Kind, string? Organisation, Role Role)
{
    public override string ToString() => Name;
}

/// <summary>
/// A record the fixture stored, with what decides its readers: owner, TLP, scope, the organisations it names (recipients)
/// or whose group it is shared with, and whether it was deleted.
/// </summary>
public sealed record LeakRecord(string Label, string Id, string Type, string Owner, Tlp Tlp, Scope Scope, IReadOnlySet<string> Audience, bool Deleted = false)
{
    /// <summary>Versions stored (newest last), for the version paths.</summary>
    public IReadOnlyList<string> Versions { get; init; } = [];

    /// <summary>The correlatable value in its pattern, if any.</summary>
    public string? Value { get; init; }

    /// <summary>The unique word its name carries, for text search.</summary>
    public string? Word { get; init; }

    /// <summary>For a sighting: the indicator it is a sighting of.</summary>
    public string? SightingOf { get; init; }

    /// <summary>
    /// Stored, then deleted by its owner (<see cref="Deleted"/> too): its tombstones keep the distribution above, and
    /// the withdrawals name it to whoever could read it before.
    /// </summary>
    public bool Tombstoned { get; init; }

    public override string ToString() => $"{Label} ({Type} {Distribution.Label(Tlp)}/{Distribution.Name(Scope)} of {Owner})";
}

/// <summary>
/// DESIGN.md, "Who may see what", as a pure function, written from the text and not from <see cref="Visibility"/>: the
/// owner reads its records; TLP caps the scope (RED: named recipients; AMBER and AMBER+STRICT: recipients or a
/// sharing group; GREEN: the alliance and, where the owner allows, connected nodes; CLEAR: anyone); a peer node reads
/// what was shared with connected nodes (GREEN or CLEAR) or the public, and what names an organisation its node hosts
/// as a recipient or group member, up to AMBER+STRICT (RED never leaves its node); anonymous readers the public CLEAR records;
/// roles grant no reading. A deleted record has no readers.
/// </summary>
public static class Oracle
{
    public static bool MayRead(Reader reader, LeakRecord record)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(record);
        if (record.Deleted)
        {
            return false;
        }

        var scope = Capped(record.Tlp, record.Scope);
        var isPublic = scope == Scope.Public && record.Tlp == Tlp.Clear;
        return reader.Kind switch
        {
            PrincipalKind.Anonymous => isPublic,
            // A peer node whose node hosts a named recipient (or a group member) reads up to AMBER+STRICT: RED never leaves.
            PrincipalKind.PeerNode => isPublic || (scope >= Scope.ConnectedNodes && record.Tlp <= Tlp.Green)
                || (reader.Organisation is { } hosted && scope is Scope.Recipients or Scope.SharingGroup && record.Tlp <= Tlp.AmberStrict && record.Audience.Contains(hosted)),
            _ => reader.Organisation == record.Owner
                || isPublic
                || (scope >= Scope.Alliance && record.Tlp <= Tlp.Green)
                || (scope == Scope.Recipients && record.Audience.Contains(reader.Organisation!))
                || (scope == Scope.SharingGroup && record.Tlp <= Tlp.AmberStrict && record.Audience.Contains(reader.Organisation!)),
        };
    }

    /// <summary>The narrower of the scope and what the TLP allows (a stored disagreement reads as the narrower).</summary>
    private static Scope Capped(Tlp tlp, Scope scope)
    {
        var widest = tlp switch
        {
            Tlp.Red => Scope.Recipients,
            Tlp.AmberStrict or Tlp.Amber => Scope.SharingGroup,
            Tlp.Green => Scope.ConnectedNodes,
            _ => Scope.Public,
        };
        return scope < widest ? scope : widest;
    }
}
