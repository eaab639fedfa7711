namespace Concord.Observables.Text;

/// <summary>
/// One thing found in free text: an observable, a CVE id or an ATT&amp;CK technique id. Distinct by
/// (<see cref="Kind"/>, <see cref="Value"/>); the first place it was found is kept.
/// </summary>
/// <param name="Kind">
/// An observable kind name (<see cref="ObservableKinds.Name"/>: <c>ipv4-addr</c>, <c>ipv4-net</c>, <c>url</c>, …),
/// <see cref="TextFindingKinds.Vulnerability"/> for a CVE id or <see cref="TextFindingKinds.AttackPattern"/> for a
/// technique id.
/// </param>
/// <param name="Value">The normalised value: an observable's canonical text, <c>CVE-2021-44228</c>, <c>T1566.001</c>.</param>
/// <param name="Observable">The observable, for the observable kinds; null for CVE and ATT&amp;CK ids.</param>
/// <param name="Snippet">The text around it (refanged, on one line), so a reader sees where it was found.</param>
/// <param name="Offset">Where it starts in the refanged text.</param>
public sealed record TextFinding(string Kind, string Value, Observable? Observable, string Snippet, int Offset);

/// <summary>The <see cref="TextFinding.Kind"/> names that are not observable kinds.</summary>
public static class TextFindingKinds
{
    /// <summary>A CVE id (<c>CVE-2021-44228</c>): STIX's vulnerability object.</summary>
    public const string Vulnerability = "vulnerability";

    /// <summary>An ATT&amp;CK technique or sub-technique id (<c>T1566</c>, <c>T1566.001</c>): STIX's attack-pattern.</summary>
    public const string AttackPattern = "attack-pattern";
}
