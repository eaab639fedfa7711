using System.Globalization;
using Concord.Platform.Audit;

namespace Concord.Intel;

/// <summary>What the Intel module writes in the audit trail: ids and counts, never an object's content.</summary>
internal static class IntelAudit
{
    public static AuditEvent Import(Guid? owner, Guid? job, ImportReport report) => new(
        "objects.import",
        job is null ? null : "import-job",
        job?.ToString(),
        owner,
        string.Create(CultureInfo.InvariantCulture,
            $"{report.Policy}: processed {report.Processed}, stored {report.Stored}, duplicates {report.Duplicates}, rejected {report.Rejected}"),
        report.Committed);

    public static AuditEvent Delete(DeletedObject deleted) =>
        Object("objects.delete", deleted.Id, deleted.OwnerOrgId, string.Create(CultureInfo.InvariantCulture, $"{deleted.VersionsRemoved} version(s) deleted, {deleted.VersionsLeft} left"));

    public static AuditEvent Object(string action, string id, Guid owner, string? detail = null) => new(action, "stix-object", id, owner, detail);
}
