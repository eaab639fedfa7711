namespace Concord.Intel.Features.Import;

/// <summary>The running counts of an import and its bounded list of rejected objects.</summary>
internal sealed class ImportTally
{
    public long Processed { get; set; }

    public long Stored { get; set; }

    public long Duplicates { get; set; }

    public long Rejected { get; set; }

    public List<RejectedObject> Errors { get; init; } = [];

    public bool ErrorsTruncated { get; set; }

    public long Warninglisted { get; set; }

    public void Reject(RejectedObject rejection, int maxErrors)
    {
        Rejected++;
        if (Errors.Count < maxErrors)
        {
            Errors.Add(rejection);
        }
        else
        {
            ErrorsTruncated = true;
        }
    }

    public void Add((long Stored, long Duplicates) counts)
    {
        Stored += counts.Stored;
        Duplicates += counts.Duplicates;
    }

    public ImportProgress ToProgress(long bytesRead) => new(Processed, Stored, Duplicates, Rejected, Warninglisted, bytesRead);

    public ImportReport ToReport(ImportPolicy policy, bool committed) =>
        new(policy, committed, Processed, Stored, Duplicates, Rejected, Errors, ErrorsTruncated) { Warninglisted = Warninglisted };
}
