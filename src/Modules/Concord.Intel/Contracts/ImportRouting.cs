namespace Concord.Intel;

/// <summary>Where an import comes in. Each entry point names itself and asks <see cref="IImportRouting"/> how it runs.</summary>
public enum ImportEntry
{
    /// <summary><c>POST /api/v1/objects/import</c> (also what <c>concord import --remote</c> calls).</summary>
    Rest,

    /// <summary>TAXII 2.1 Add Objects: a job answers a pending status resource, an immediate import a complete one.</summary>
    Taxii,

    /// <summary>The browser's import page.</summary>
    Upload,

    /// <summary><c>concord import</c> into the local store.</summary>
    Cli,
}

/// <summary>How an import runs: while the caller waits (answered with its report), or as a background job (a status to poll).</summary>
public enum ImportMode
{
    Immediate,
    Job,
}

/// <summary>
/// The one rule that decides, for every entry point, whether an import runs while the caller waits or as a job: a job
/// when the caller asks for one or the body is larger than its entry point waits for. REST waits for up to
/// <c>Concord:Intel:SyncImportMaxBytes</c> (16 MiB), TAXII for up to <c>Concord:Intel:TaxiiSyncImportMaxBytes</c>
/// (1 MiB: a TAXII client is told to poll a status anyway), an upload for nothing (the browser follows the job's page and
/// may leave it), the CLI for anything (the <c>concord</c> process is the worker and shows its own progress; a remote
/// import goes through REST). The body's format does not matter: it is recognised before either path.
/// </summary>
public interface IImportRouting
{
    /// <summary>The mode for a body of <paramref name="bytes"/> (null: not known yet, e.g. standard input) at <paramref name="entry"/>.</summary>
    ImportMode Choose(ImportEntry entry, long? bytes, bool jobRequested = false);
}
