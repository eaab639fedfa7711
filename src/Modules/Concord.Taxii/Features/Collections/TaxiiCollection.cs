using Concord.Access;
using Concord.Intel;
using Concord.Stix;

namespace Concord.Taxii.Features.Collections;

/// <summary>A configured collection: its identity, the view it is over the store, and who may read and write it.</summary>
internal sealed record TaxiiCollection(Guid Id, string Title, string? Description, string? Alias, TaxiiView View, bool Writable)
{
    public bool IsPublic => View.Scope == Scope.Public;

    /// <summary>
    /// Anonymous readers get public collections only; a sharing-group collection is for that group's members;
    /// any other collection for any member. Visibility still filters every record inside.
    /// </summary>
    public bool CanRead(Principal principal) => principal.Kind switch
    {
        PrincipalKind.Anonymous => IsPublic,
        _ when View.Scope == Scope.SharingGroup => View.AudienceId is { } group && principal.AudienceIds.Contains(group),
        PrincipalKind.Member => principal.OrganisationId is not null,
        PrincipalKind.PeerNode => View.Scope is null or >= Scope.ConnectedNodes,
        _ => false,
    };

    public bool CanWrite(Principal principal) =>
        Writable && CanRead(principal) && principal.HasRole(Role.Analyst) && principal.OrganisationId is not null;

    /// <summary>How objects added to this collection are distributed: with the collection's scope (and group).</summary>
    public ImportOptions ImportOptions() => new()
    {
        Policy = ImportPolicy.BestEffort,
        Scope = View.Scope,
        SharingGroupId = View.Scope == Scope.SharingGroup ? View.AudienceId : null,
        Tlp = View.MaxTlp == Tlp.Clear ? Tlp.Clear : null,
    };
}

/// <summary>An API root and its collections, in configuration order (the stable order T 3.3 asks for).</summary>
internal sealed record TaxiiApiRoot(string Name, string Title, string? Description, bool IsDefault, IReadOnlyList<TaxiiCollection> Collections)
{
    public TaxiiCollection? Find(string idOrAlias) =>
        Collections.FirstOrDefault(c => Guid.TryParse(idOrAlias, out var id) ? c.Id == id : string.Equals(c.Alias, idOrAlias, StringComparison.Ordinal));
}
