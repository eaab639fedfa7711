using System.Text.Json;
using System.Text.Json.Serialization;

namespace Concord.Intel;

/// <summary>Writes the module's enums as the API spells them: <c>all-or-nothing</c>, <c>succeeded</c>.</summary>
public sealed class KebabCaseEnum<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where T : struct, Enum;
