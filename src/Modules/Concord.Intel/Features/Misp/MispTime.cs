using System.Globalization;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// MISP's times (epoch seconds in <c>timestamp</c>, ISO 8601 in <c>first_seen</c>) as STIX timestamps written the way
/// misp-stix (through python-stix2) writes them: <c>created</c>/<c>modified</c> to the millisecond
/// (<c>…:01.000Z</c>), every other timestamp with the fraction it has and none when it has none (<c>…:44Z</c>).
/// </summary>
internal static class MispTime
{
    public static bool TryEpoch(string? text, out DateTimeOffset time)
    {
        time = default;
        if (!long.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || seconds > 253402300799)
        {
            return false;
        }

        time = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    /// <summary>An ISO 8601 time as MISP writes <c>first_seen</c>, <c>last_seen</c> and object time fields.</summary>
    public static bool TryIso(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var styles = DateTimeStyles.AdjustToUniversal | (trimmed.EndsWith('Z') || trimmed.Contains('+') || trimmed.LastIndexOf('-') > 9 ? DateTimeStyles.None : DateTimeStyles.AssumeUniversal);
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, styles, out time);
    }

    /// <summary>For <c>created</c> and <c>modified</c>: millisecond precision.</summary>
    public static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>For every other timestamp: the fraction it has, trailing zeros dropped.</summary>
    public static string Exact(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var micros = (utc.Ticks % TimeSpan.TicksPerSecond) / 10;
        return micros == 0 ? text + "Z" : text + "." + micros.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0') + "Z";
    }
}
