using Concord.Access;
using Concord.Stix;

namespace Concord.Intel.Data;

/// <summary>A background import's persisted state; the worker resumes from it after a restart.</summary>
internal sealed class ImportJob
{
    public Guid Id { get; set; }

    public Guid OwnerOrgId { get; set; }

    public required string RequestedBy { get; set; }

    public ImportJobState State { get; set; }

    public ImportPolicy Policy { get; set; }

    public Tlp? Tlp { get; set; }

    public Scope? Scope { get; set; }

    public Guid? AudienceId { get; set; }

    public required string SpoolFile { get; set; }

    public long BytesTotal { get; set; }

    public long Processed { get; set; }

    public long Stored { get; set; }

    public long Duplicates { get; set; }

    public long Rejected { get; set; }

    /// <summary>Observables of the stored objects that a warninglist holds (flagged, still stored).</summary>
    public long Warninglisted { get; set; }

    /// <summary>Index of the last bundle entry whose outcome is committed (best-effort jobs); -1 before any.</summary>
    public int Checkpoint { get; set; } = -1;

    /// <summary>The bounded list of rejected objects, as JSON.</summary>
    public string ErrorsJson { get; set; } = "[]";

    public bool ErrorsTruncated { get; set; }

    public string? Failure { get; set; }

    /// <summary>The body's format, decided before the job was queued (<c>stix</c>, <c>misp</c>); null on rows older than MISP import.</summary>
    public string? Format { get; set; }

    /// <summary>For a MISP import: what was read and left out (a <see cref="MispImportSummary"/> as JSON), once finished.</summary>
    public string? MispSummaryJson { get; set; }

    public long CreatedUs { get; set; }

    public long? StartedUs { get; set; }

    public long? FinishedUs { get; set; }
}
