using System.Globalization;

namespace Concord.Taxii.Features.Query;

/// <summary>
/// The opaque <c>next</c> token: the node sequence of the last record served (a cursor on <c>date_added</c>, never an
/// offset, so pages stay correct while objects are added) bound to the request's filters. It carries no authority:
/// visibility and the collection view are applied again on every page (T Appendix B).
/// </summary>
internal static class PageToken
{
    public static string Write(long sequence, string fingerprint) =>
        sequence.ToString("x", CultureInfo.InvariantCulture) + "-" + fingerprint;

    public static bool TryRead(string? token, string fingerprint, out long sequence)
    {
        sequence = 0;
        var dash = token?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        return dash > 0
            && string.Equals(token![(dash + 1)..], fingerprint, StringComparison.Ordinal)
            && long.TryParse(token.AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out sequence)
            && sequence >= 0;
    }
}
