using System.Globalization;
using Spectre.Console;

namespace Concord.Host.Cli;

/// <summary>One progress bar per source, on stderr: bytes read of the file, objects so far and objects per second.</summary>
internal static class ImportProgressBar
{
    public static Progress Create(CliContext context) => context.Messages.Progress()
        .AutoClear(false)
        .HideCompleted(false)
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn());

    public static ProgressTask AddTask(ProgressContext progress, ImportSource source)
    {
        var task = progress.AddTask(Describe(source, 0, 0, TimeSpan.Zero), maxValue: Math.Max(1, source.Length ?? 1));
        task.IsIndeterminate = source.Length is null;
        return task;
    }

    public static void Update(ProgressTask task, ImportSource source, long objects, long bytes, TimeSpan elapsed)
    {
        task.Description = Describe(source, objects, bytes, elapsed);
        if (source.Length is not null)
        {
            task.Value = Math.Min(bytes, task.MaxValue);
        }
    }

    public static void Finish(ProgressTask task)
    {
        task.IsIndeterminate = false;
        task.Value = task.MaxValue;
        task.StopTask();
    }

    private static string Describe(ImportSource source, long objects, long bytes, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        var rate = elapsed == TimeSpan.Zero ? 0 : objects / seconds;
        return Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{source.Name}: {objects:N0} objects, {rate:N0}/s, {bytes / 1048576.0:N1} MiB"));
    }
}
