using System.ComponentModel.DataAnnotations;
using Concord.Incidents.Features.Requests;
using Microsoft.Extensions.Options;

namespace Concord.Incidents;

/// <summary>The Incidents module's settings (<c>Concord:Incidents</c>).</summary>
public sealed class IncidentsOptions
{
    public const string Section = "Concord:Incidents";

    /// <summary>The largest attachment a case accepts, in bytes (default 10 MiB). Larger ones are refused whole.</summary>
    [Range(1, 512L * 1024 * 1024)]
    public long MaxAttachmentBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>The alliance's default deadlines for assistance requests, per urgency (<c>Concord:Incidents:Requests:High:Acknowledge</c>).</summary>
    public RequestDeadlineOptions Requests { get; set; } = new();
}

/// <summary>
/// Default deadlines per urgency. A duration is a number and a unit: <c>m</c> minutes and <c>h</c> hours of calendar time,
/// <c>wh</c> working hours and <c>wd</c> working days, counted in the receiving team's business hours and time zone (a team
/// without business hours counts calendar time; a working day is one day's opening hours). Critical requests count
/// calendar time only (24/7): a working unit is refused for them at start.
/// </summary>
public sealed class RequestDeadlineOptions
{
    public UrgencyDeadlines Critical { get; set; } = new() { Acknowledge = "30m", Respond = "4h" };

    public UrgencyDeadlines High { get; set; } = new() { Acknowledge = "4wh", Respond = "1wd" };

    public UrgencyDeadlines Normal { get; set; } = new() { Acknowledge = "1wd", Respond = "3wd" };

    public UrgencyDeadlines Low { get; set; } = new() { Acknowledge = "1wd", Respond = "10wd" };

    /// <summary>How often the escalation service looks for missed deadlines (default one minute).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan EscalationInterval { get; set; } = TimeSpan.FromMinutes(1);

    public UrgencyDeadlines For(RequestUrgency urgency) => urgency switch
    {
        RequestUrgency.Critical => Critical,
        RequestUrgency.High => High,
        RequestUrgency.Normal => Normal,
        RequestUrgency.Low => Low,
        _ => Normal,
    };
}

/// <summary>An urgency's two deadlines as durations (<c>30m</c>, <c>4h</c>, <c>4wh</c>, <c>1wd</c>).</summary>
public sealed class UrgencyDeadlines
{
    public string Acknowledge { get; set; } = "1wd";

    public string Respond { get; set; } = "3wd";
}

/// <summary>Refuses at start a deadline that does not parse, a working unit for critical, or a response due before its acknowledgement.</summary>
internal sealed class IncidentsOptionsValidator : IValidateOptions<IncidentsOptions>
{
    public ValidateOptionsResult Validate(string? name, IncidentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var urgency in Enum.GetValues<RequestUrgency>())
        {
            var deadlines = options.Requests.For(urgency);
            var key = $"{IncidentsOptions.Section}:Requests:{urgency}";
            var acknowledge = Check($"{key}:Acknowledge", deadlines.Acknowledge, urgency, failures);
            var respond = Check($"{key}:Respond", deadlines.Respond, urgency, failures);
            if (acknowledge is { } a && respond is { } r && a.Unit.IsWorking() == r.Unit.IsWorking() && a.Nominal > r.Nominal)
            {
                failures.Add($"{key}: the response is due before the acknowledgement ({deadlines.Respond} < {deadlines.Acknowledge}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static DeadlineSpan? Check(string key, string? text, RequestUrgency urgency, List<string> failures)
    {
        if (!DeadlineSpan.TryParse(text, out var span))
        {
            failures.Add($"{key}: '{text}' is not a duration (a positive number and m, h, wh or wd: 30m, 4h, 4wh, 1wd).");
            return null;
        }

        if (urgency == RequestUrgency.Critical && span.Unit.IsWorking())
        {
            failures.Add($"{key}: critical requests count calendar time (24/7); use m or h, not '{text}'.");
            return null;
        }

        return span;
    }
}
