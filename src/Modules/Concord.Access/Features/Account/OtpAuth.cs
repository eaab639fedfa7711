namespace Concord.Access.Features.Account;

/// <summary>
/// The <c>otpauth://totp/</c> URI authenticator apps read from a QR code (Google Authenticator's key URI format):
/// issuer and account in the label, the base32 secret, and the defaults Identity's TOTP uses (SHA-1, 6 digits, 30 s).
/// </summary>
internal static class OtpAuth
{
    public static string Uri(string issuer, string account, string base32Key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(account)}"
        + $"?secret={base32Key}&issuer={System.Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits=6&period=30";
}
