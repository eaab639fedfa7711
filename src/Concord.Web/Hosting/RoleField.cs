using Concord.Access;

namespace Concord.Web.Hosting;

/// <summary>
/// A role as a form posts it (the enum's name, as the pages' options carry it). Forms bind it as text and parse it
/// here, so an unknown or missing role — a tampered form — answers an error instead of binding to a default role or
/// failing validation without a word.
/// </summary>
internal static class RoleField
{
    public const string Unknown = "Choose one of the roles offered (read-only, analyst, org admin, secretariat, node admin).";

    public static Role? Parse(string? value) =>
        value is { Length: > 0 } && char.IsAsciiLetter(value[0]) && Enum.TryParse<Role>(value, ignoreCase: false, out var role) && Enum.IsDefined(role)
            ? role
            : null;
}
