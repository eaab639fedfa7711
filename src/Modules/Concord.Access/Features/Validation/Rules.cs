using Concord.Platform;

namespace Concord.Access.Features.Validation;

/// <summary>Field checks shared by the API and <see cref="IAccessAdmin"/>; each failure names the field and the rule.</summary>
internal static class Rules
{
    public static Error? Text(string? value, string field, int max, bool required = true, int min = 1)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Error.Validation(field, "required", $"'{field}' is required.") : null;
        }

        var length = value.Trim().Length;
        return length < min || length > max
            ? Error.Validation(field, "length", $"'{field}' must be {min} to {max} characters.")
            : null;
    }

    public static Error? Country(string? value, string field = "country") =>
        Text(value, field, 2) ?? (Countries.IsValid(value!.Trim())
            ? null
            : Error.Validation(field, "iso-3166-1-alpha-2", $"'{value}' is not an ISO 3166-1 alpha-2 country code (e.g. 'DE', 'KE', 'SG')."));

    public static Error UnknownOrganisation(string field, Guid id) =>
        Error.Validation(field, "unknown-organisation", $"No organisation '{id}' exists on this node.");

    public static Error RoleAboveOwn(string field = "role") =>
        new(ErrorKind.Forbidden, "role-above-own", "A role higher than your own cannot be granted.", field);
}
