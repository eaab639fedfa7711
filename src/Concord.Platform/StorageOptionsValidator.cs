using Microsoft.Extensions.Options;

namespace Concord.Platform;

/// <summary>Refuses storage settings that cannot work, with a message that says which setting to fix.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"Concord:Storage:Provider must be Sqlite or Postgres, not '{options.Provider}'.");
        }

        if (options.Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("Concord:Storage:ConnectionString is required when Concord:Storage:Provider is Postgres "
                + "(for example Concord__Storage__ConnectionString=\"Host=127.0.0.1;Username=concord;Password=...;Database=concord\").");
        }

        if (options.Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString)
            && string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Concord:Storage:DataDirectory must name a folder when the SQLite connection string is not given.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
