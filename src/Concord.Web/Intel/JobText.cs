using Concord.Intel;

namespace Concord.Web.Intel;

/// <summary>How an import job's state reads.</summary>
public static class JobText
{
    public static string State(ImportJobState state) => state switch
    {
        ImportJobState.Queued => "waiting to start",
        ImportJobState.Running => "running",
        ImportJobState.Succeeded => "done",
        ImportJobState.Failed => "failed",
        _ => state.ToString(),
    };

    public static string StateClass(ImportJobState state) => state switch
    {
        ImportJobState.Succeeded => "done",
        ImportJobState.Failed => "failed",
        _ => "busy",
    };

    public static bool IsFinished(ImportJobState state) => state is ImportJobState.Succeeded or ImportJobState.Failed;

    /// <summary>Bytes read as a whole percentage of the bundle (100 once finished).</summary>
    public static int Percent(ImportJobStatus job) =>
        job.State == ImportJobState.Succeeded ? 100 : job.BytesTotal <= 0 ? 0 : (int)Math.Clamp(job.BytesRead * 100 / job.BytesTotal, 0, 100);
}
