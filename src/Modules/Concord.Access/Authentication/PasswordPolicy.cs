using System.Text;
using Concord.Access.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Concord.Access.Authentication;

/// <summary>
/// What a new password must not be (NIST SP 800-63B, 3.1.1.2), besides shorter than <see cref="MinLength"/> (Identity's
/// own length rule, set from it): a common or breached password — also once trailing digits and symbols or the spaces
/// are taken away —, a run of one or a few characters, or anything containing the user name, the organisation's name or
/// the service's. No composition rules (NIST forbids them). Each refusal names its rule (<c>password-common</c>, …).
/// </summary>
internal sealed class PasswordPolicy(AccessDbContext db) : IPasswordValidator<AccessUser>
{
    /// <summary>NIST's minimum for a password that may be the only factor.</summary>
    public const int MinLength = 15;

    private const int MinContextLength = 3;

    public async Task<IdentityResult> ValidateAsync(UserManager<AccessUser> manager, AccessUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
        {
            return IdentityResult.Success; // Identity's length rule answers for it.
        }

        if (password.Distinct().Count() < 5)
        {
            return Fail("PasswordRepetitive", "The password repeats one or a few characters; choose a few unrelated words instead.");
        }

        var trimmed = password.TrimEnd(c => !char.IsLetter(c));
        if (CommonPasswords.Contains(password) || CommonPasswords.Contains(trimmed) || CommonPasswords.Contains(password.Replace(" ", "", StringComparison.Ordinal)))
        {
            return Fail("PasswordCommon", "This password is on the list of commonly used or breached passwords; choose another.");
        }

        var plain = Letters(password);
        var userName = Letters(user.UserName ?? "");
        var localPart = Letters((user.UserName ?? "").Split('@')[0]);
        if (Contains(plain, userName) || Contains(plain, localPart))
        {
            return Fail("PasswordContainsUserName", "The password must not contain your user name.");
        }

        var organisation = user.OrganisationId is { } org
            ? await db.Organisations.AsNoTracking().Where(o => o.Id == org).Select(o => o.Name).FirstOrDefaultAsync()
            : null;
        if (Contains(plain, Letters(organisation ?? "")))
        {
            return Fail("PasswordContainsOrganisation", "The password must not contain your organisation's name.");
        }

        return Contains(plain, "concord")
            ? Fail("PasswordContainsServiceName", "The password must not contain the name of this service.")
            : IdentityResult.Success;
    }

    private static bool Contains(string password, string word) => word.Length >= MinContextLength && password.Contains(word, StringComparison.Ordinal);

    /// <summary>Lower-case letters and digits only, so "Savanna CERT" is found in "savanna-cert!2026".</summary>
    private static string Letters(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static IdentityResult Fail(string code, string description) => IdentityResult.Failed(new IdentityError { Code = code, Description = description });
}

internal static class StringTrimming
{
    public static string TrimEnd(this string text, Func<char, bool> trim)
    {
        var end = text.Length;
        while (end > 0 && trim(text[end - 1]))
        {
            end--;
        }

        return text[..end];
    }
}
