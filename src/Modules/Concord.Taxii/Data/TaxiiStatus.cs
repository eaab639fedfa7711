namespace Concord.Taxii.Data;

/// <summary>
/// A persisted status resource (T 4.3) of one Add Objects request. Times are microseconds since the Unix epoch.
/// <see cref="DetailsJson"/> holds the successes, failures and pendings lists as the status resource writes them.
/// </summary>
internal sealed class TaxiiStatus
{
    public Guid Id { get; set; }

    /// <summary>The organisation and principal that posted; nobody else may read the status.</summary>
    public Guid OwnerOrgId { get; set; }

    public required string RequestedBy { get; set; }

    public required string ApiRoot { get; set; }

    public Guid CollectionId { get; set; }

    public bool Complete { get; set; }

    public long RequestUs { get; set; }

    public long ExpiresUs { get; set; }

    public int Total { get; set; }

    public int Succeeded { get; set; }

    public int Failed { get; set; }

    public int Pending { get; set; }

    /// <summary>The import job adding a large envelope; null when it was added while the client waited.</summary>
    public Guid? JobId { get; set; }

    public required string DetailsJson { get; set; }

    public static long Micros(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
