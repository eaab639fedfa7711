using System.CommandLine;
using Concord.Access;

namespace Concord.Host.Cli;

internal static partial class AdminCommand
{
    private static Command Users(CliContext context)
    {
        var userName = new Argument<string>("username") { Description = "The login name (often an e-mail address)." };
        var org = new Option<string?>("--org") { Description = "The user's organisation (name or id); only a node admin may have none." };
        var role = new Option<string>("--role") { Description = "read-only, analyst, org-admin, secretariat or node-admin.", DefaultValueFactory = _ => "analyst" };
        var email = new Option<string?>("--email") { Description = "E-mail address." };

        var create = new Command("create", "Create a user; prints the one-time password (to be changed at first login).") { userName, org, role, email };
        create.SetAction((parse, ct) => WithAdminAsync(context, ct, async services =>
        {
            var organisation = parse.GetValue(org) is { } o ? await LocalNode.OrganisationAsync(services, o, ct) : null;
            var user = Require(await services.GetRequiredService<IAccessAdmin>().CreateUserAsync(
                new NewUser(parse.GetValue(userName)!, organisation?.Id, ParseRole(parse.GetValue(role)!), parse.GetValue(email)), ct));
            await context.Out.WriteLineAsync(user.OneTimePassword);
            await context.Error.WriteLineAsync($"created {RoleName(user.Role)} '{user.UserName}'{(organisation is null ? "" : $" of {organisation.Name}")}; "
                + "the line above is the one-time password, shown once.");
            return ExitCodes.Ok;
        }));

        var resetName = new Argument<string>("username") { Description = "The user whose password to reset." };
        var reset = new Command("reset-password", "Set a new one-time password (printed), clear any lockout, sign the user out everywhere.") { resetName };
        reset.SetAction((parse, ct) => WithAdminAsync(context, ct, async services =>
        {
            var password = Require(await services.GetRequiredService<IAccessAdmin>().ResetPasswordAsync(parse.GetValue(resetName)!, ct));
            await context.Out.WriteLineAsync(password);
            await context.Error.WriteLineAsync($"reset the password of '{parse.GetValue(resetName)}'; the line above is the one-time password, shown once.");
            return ExitCodes.Ok;
        }));

        return new Command("user", "Users.") { create, reset };
    }

    private static Command ApiKeys(CliContext context)
    {
        var user = new Option<string>("--user") { Description = "The user the key acts for (and that user's organisation).", Required = true };
        var name = new Option<string>("--name") { Description = "What the key is for, e.g. 'SIEM feed'.", Required = true };
        var role = new Option<string?>("--role") { Description = "The key's role (default: the user's; never more)." };
        var days = new Option<int?>("--expires-in-days") { Description = "Days until the key expires (default 90)." };

        var create = new Command("create", "Create an API key; prints the key, shown once.") { user, name, role, days };
        create.SetAction((parse, ct) => WithAdminAsync(context, ct, async services =>
        {
            var time = services.GetRequiredService<TimeProvider>();
            DateTimeOffset? expires = parse.GetValue(days) is { } d ? time.GetUtcNow().AddDays(d) : null;
            var key = Require(await services.GetRequiredService<IAccessAdmin>().CreateApiKeyAsync(
                new NewApiKey(parse.GetValue(user)!, parse.GetValue(name)!, parse.GetValue(role) is { } r ? ParseRole(r) : null, expires), ct));
            await context.Out.WriteLineAsync(key.Key);
            await context.Error.WriteLineAsync($"created API key '{key.Name}' ({RoleName(key.Role)}, expires {key.ExpiresAt:yyyy-MM-dd}); "
                + "the line above is the key, shown once: send it as 'Authorization: Bearer <key>'.");
            return ExitCodes.Ok;
        }));

        return new Command("apikey", "API keys.") { create };
    }
}
