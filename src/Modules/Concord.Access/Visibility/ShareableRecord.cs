using Concord.Stix;

namespace Concord.Access;

/// <summary>A plain <see cref="IShareable"/>, for checks on records that are not entities.</summary>
public sealed record ShareableRecord(Guid OwnerOrgId, Tlp Tlp, Scope Scope, Guid? AudienceId) : IShareable;
