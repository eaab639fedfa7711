using Concord.Incidents.Features.Cases;
using Concord.Platform;

namespace Concord.Incidents.Features.Requests;

/// <summary>The checks on a request's fields and its life cycle: each refusal names the field and the rule.</summary>
internal static class RequestRules
{
    public const int MaxText = 20_000;

    /// <summary>The UN GGE 2015 norms, by letter (the Norms module's catalogue will name them).</summary>
    public const string Norms = "abcdefghijk";

    public static Result<RequestKind> Kind(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Error.Validation("kind", "required", "Say what is asked: " + Names<RequestKind>() + ".")
            : CaseRules.Enum(text, "kind", RequestKind.Other);

    public static Result<string?> Norm(string? text)
    {
        var value = text?.Trim().ToLowerInvariant() ?? "";
        if (value.StartsWith("norm", StringComparison.Ordinal))
        {
            value = value[4..].Trim().Trim('(', ')');
        }

        return value.Length == 0 ? (string?)null
            : value.Length == 1 && Norms.Contains(value[0], StringComparison.Ordinal) ? value
            : Error.Validation("norm", "unknown-norm", $"'{text}' is not a UN GGE 2015 norm; give its letter, a to k (h: respond to appropriate requests for assistance).");
    }

    /// <summary>The states a step may start from, and its text's field (null: no text).</summary>
    public static (RequestStatus[] From, string? Field, bool Receiver) Rule(RequestAction action) => action switch
    {
        RequestAction.Acknowledge => ([RequestStatus.Open], null, true),
        RequestAction.Accept => ([RequestStatus.Open, RequestStatus.Acknowledged], null, true),
        RequestAction.Decline => ([RequestStatus.Open, RequestStatus.Acknowledged], "reason", true),
        RequestAction.Progress => ([RequestStatus.Acknowledged, RequestStatus.Accepted], "text", true),
        RequestAction.Close => ([RequestStatus.Acknowledged, RequestStatus.Accepted], "outcome", true),
        RequestAction.Withdraw => ([RequestStatus.Open, RequestStatus.Acknowledged, RequestStatus.Accepted], null, false),
        _ => ([], null, true),
    };

    public static RequestStatus? After(RequestAction action) => action switch
    {
        RequestAction.Acknowledge => RequestStatus.Acknowledged,
        RequestAction.Accept => RequestStatus.Accepted,
        RequestAction.Decline => RequestStatus.Declined,
        RequestAction.Close => RequestStatus.Closed,
        RequestAction.Withdraw => RequestStatus.Withdrawn,
        _ => null,
    };

    public static Data.RequestEventKind Event(RequestAction action) => action switch
    {
        RequestAction.Acknowledge => Data.RequestEventKind.Acknowledged,
        RequestAction.Accept => Data.RequestEventKind.Accepted,
        RequestAction.Decline => Data.RequestEventKind.Declined,
        RequestAction.Progress => Data.RequestEventKind.Progress,
        RequestAction.Close => Data.RequestEventKind.Closed,
        _ => Data.RequestEventKind.Withdrawn,
    };

    public static bool Finished(RequestStatus status) => status is RequestStatus.Declined or RequestStatus.Closed or RequestStatus.Withdrawn;

    public static string Names<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(IncidentJson.Name));
}
