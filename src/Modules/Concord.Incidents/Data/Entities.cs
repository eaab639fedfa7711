using Concord.Access;
using Concord.Stix;

namespace Concord.Incidents.Data;

/// <summary>
/// A case: a shareable record (owner, TLP, scope, audience). Its participants are its audience: the recipient list
/// "owner plus participants" (<see cref="IAccessDirectory.ResolveRecipientsAsync"/>), so the visibility door decides who
/// reads it, as for any record shared with named recipients. A case shared with nobody has scope owner.
/// </summary>
internal sealed class CaseRow : IShareable
{
    public Guid Id { get; set; }

    public Guid OwnerOrgId { get; set; }

    public Tlp Tlp { get; set; }

    public Scope Scope { get; set; }

    public Guid? AudienceId { get; set; }

    public string Title { get; set; } = "";

    public string Summary { get; set; } = "";

    public string Category { get; set; } = "";

    public int Severity { get; set; }

    public int Status { get; set; }

    public int Pap { get; set; }

    /// <summary>ISO codes, one per line.</summary>
    public string Countries { get; set; } = "";

    /// <summary>Sector names, one per line.</summary>
    public string Sectors { get; set; } = "";

    public long CreatedUs { get; set; }

    public long UpdatedUs { get; set; }
}

/// <summary>What a contribution is.</summary>
internal enum ContributionKind
{
    Comment = 0,
    Timeline = 1,
    Task = 2,
    Attachment = 3,
    Observable = 4,
}

/// <summary>
/// One contribution to a case: a comment, a timeline entry, a task, an attachment or an observable, attributed to the
/// organisation that wrote it. Not a shareable record of its own: who reads it follows from its case and its own marking
/// (<see cref="Features.Contributions.ContributionRule"/>). One table for every kind, so that one rule filters them all.
/// </summary>
internal sealed class ContributionRow
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public int Kind { get; set; }

    public Guid AuthorOrgId { get; set; }

    public Tlp Tlp { get; set; }

    /// <summary>For TLP:RED: the recipient list "author plus the organisations it names".</summary>
    public Guid? AudienceId { get; set; }

    public bool Withdrawn { get; set; }

    public long CreatedUs { get; set; }

    /// <summary>A comment's or timeline entry's text, a task's title, an observable's comment.</summary>
    public string Text { get; set; } = "";

    /// <summary>A timeline entry's time; a task's due day (midnight UTC).</summary>
    public long? AtUs { get; set; }

    public Guid? AssigneeOrgId { get; set; }

    public bool Done { get; set; }

    public string? FileName { get; set; }

    public string? ContentType { get; set; }

    public long? Size { get; set; }

    public string? Sha256 { get; set; }

    /// <summary>An observable's kind name (<c>ipv4-addr</c>).</summary>
    public string? ValueKind { get; set; }

    public string? Value { get; set; }

    public string? IntelRef { get; set; }
}

/// <summary>An attachment's bytes, apart from its description so lists never load them.</summary>
internal sealed class AttachmentBlobRow
{
    public Guid ContributionId { get; set; }

    public byte[] Content { get; set; } = [];
}

/// <summary>
/// One entry of the cases' change feed (<see cref="Features.Feed.CaseChangeFeed"/>), written in the transaction of the
/// change under the module's write gate, so positions are in commit order.
/// </summary>
internal sealed class CaseChangeRow
{
    public long Seq { get; set; }

    public Guid CaseId { get; set; }

    public int Kind { get; set; }

    public Guid OwnerOrgId { get; set; }

    public long AtUs { get; set; }
}
