using Microsoft.Extensions.Options;

namespace Concord.Platform.Outbound;

/// <summary>Refuses outbound settings that cannot work, each failure naming the setting and what it takes.</summary>
internal sealed class OutboundOptionsValidator : IValidateOptions<OutboundOptions>
{
    // The resilience library's own bounds for a timeout strategy.
    private static readonly TimeSpan ShortestTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, OutboundOptions options)
    {
        var failures = new List<string>();
        foreach (var entry in options.AllowedHosts)
        {
            if (!AllowList.TryParse(entry, out _, out var error))
            {
                failures.Add($"{OutboundOptions.Section}:AllowedHosts: {error}");
            }
        }

        Within(failures, "ConnectTimeout", options.ConnectTimeout, ShortestTimeout, Day);
        Within(failures, "MaxRetryAfter", options.MaxRetryAfter, TimeSpan.Zero, Day);
        foreach (var purpose in Enum.GetValues<OutboundPurpose>())
        {
            Validate(failures, purpose.ToString(), options.For(purpose));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Validate(List<string> failures, string purpose, OutboundClientOptions client)
    {
        Within(failures, $"{purpose}:AttemptTimeout", client.AttemptTimeout, ShortestTimeout, Day);
        Within(failures, $"{purpose}:TotalTimeout", client.TotalTimeout, ShortestTimeout, Day);
        Within(failures, $"{purpose}:RetryDelay", client.RetryDelay, TimeSpan.Zero, Day);
        if (client.TotalTimeout < client.AttemptTimeout)
        {
            failures.Add($"{OutboundOptions.Section}:{purpose}:TotalTimeout ({client.TotalTimeout}) must be at least its AttemptTimeout ({client.AttemptTimeout}).");
        }

        if (client.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{OutboundOptions.Section}:{purpose}:MaxRetries must be from 0 to 10, not {client.MaxRetries}.");
        }

        if (client.MaxRedirects is < 0 or > 20)
        {
            failures.Add($"{OutboundOptions.Section}:{purpose}:MaxRedirects must be from 0 to 20, not {client.MaxRedirects}.");
        }
    }

    private static void Within(List<string> failures, string setting, TimeSpan value, TimeSpan least, TimeSpan most)
    {
        if (value < least || value > most)
        {
            failures.Add($"{OutboundOptions.Section}:{setting} must be from {least} to {most} (d.hh:mm:ss), not {value}.");
        }
    }
}
