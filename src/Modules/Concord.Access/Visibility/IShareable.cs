using Concord.Stix;

namespace Concord.Access;

/// <summary>
/// Any record whose readers are decided by the visibility component: its owner, TLP, scope and — for
/// <see cref="Scope.Recipients"/> and <see cref="Scope.SharingGroup"/> — the audience it is shared with.
/// Named recipient lists are stored as audiences too, so one membership test covers both.
/// </summary>
public interface IShareable
{
    Guid OwnerOrgId { get; }

    Tlp Tlp { get; }

    Scope Scope { get; }

    Guid? AudienceId { get; }
}
