using System.Globalization;
using System.Text.RegularExpressions;

namespace Concord.Taxii.Http;

/// <summary>TAXII timestamps (T 2): RFC 3339 in UTC with <c>Z</c>, written with exactly microsecond precision.</summary>
internal static partial class TaxiiTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses <c>YYYY-MM-DDTHH:MM:SS[.s+]Z</c>; digits past the microsecond are dropped.</summary>
    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        var match = text is null ? null : Shape().Match(text);
        if (match is null || !match.Success)
        {
            return false;
        }

        if (!DateTime.TryParseExact(match.Groups[1].Value, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var seconds))
        {
            return false;
        }

        var fraction = match.Groups[2].Success ? match.Groups[2].Value.PadRight(6, '0')[..6] : "0";
        time = new DateTimeOffset(seconds, TimeSpan.Zero).AddTicks(long.Parse(fraction, CultureInfo.InvariantCulture) * 10);
        return true;
    }

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
