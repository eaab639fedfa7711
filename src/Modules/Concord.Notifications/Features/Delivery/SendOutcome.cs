namespace Concord.Notifications.Features.Delivery;

/// <summary>How one attempt went: sent, worth another try later, or never going to work (a refused address, 410 Gone).</summary>
internal sealed record SendOutcome(bool Sent, bool Permanent, int? StatusCode, string? Error)
{
    public static SendOutcome Done(int? statusCode = null) => new(true, false, statusCode, null);

    public static SendOutcome Retry(string error, int? statusCode = null) => new(false, false, statusCode, error);

    public static SendOutcome GiveUp(string error, int? statusCode = null) => new(false, true, statusCode, error);
}
