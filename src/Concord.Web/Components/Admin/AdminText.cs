using System.Globalization;
using Concord.Access;

namespace Concord.Web.Components.Admin;

/// <summary>How the administration pages write types, times and sizes for people (words, not enum names).</summary>
public static class AdminText
{
    public static string Name(OrganisationType type) => type switch
    {
        OrganisationType.GovernmentAgency => "Government agency",
        OrganisationType.PublicBody => "Public body",
        OrganisationType.NonProfit => "Non-profit",
        OrganisationType.PrivatePartner => "Private partner",
        _ => type.ToString(),
    };

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Time(DateTimeOffset? time, string never) => time is { } t ? Time(t) : never;

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        < 1024L * 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / (1024.0 * 1024 * 1024)).ToString("0.00", CultureInfo.InvariantCulture) + " GB",
    };
}
