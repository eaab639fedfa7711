using System.CommandLine;
using Concord.Access;

namespace Concord.Host.Cli;

internal static partial class AdminCommand
{
    private static Command Groups(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The sharing group's name." };
        var owner = new Option<string>("--owner") { Description = "The owner organisation (name or id); always a member.", Required = true };
        var members = new Option<string[]>("--member") { Description = "A member organisation (repeat for several).", AllowMultipleArgumentsPerToken = true };

        var create = new Command("create", "Create a sharing group; prints its id.") { name, owner, members };
        create.SetAction((parse, ct) => WithAdminAsync(context, ct, async services =>
        {
            var ownerOrg = await LocalNode.OrganisationAsync(services, parse.GetValue(owner), ct);
            var memberIds = new List<Guid>();
            foreach (var member in parse.GetValue(members) ?? [])
            {
                memberIds.Add((await LocalNode.OrganisationAsync(services, member, ct)).Id);
            }

            var group = Require(await services.GetRequiredService<IAccessAdmin>().CreateSharingGroupAsync(new NewSharingGroup(ownerOrg.Id, parse.GetValue(name)!, memberIds), ct));
            await context.Out.WriteLineAsync(group.Id.ToString());
            await context.Error.WriteLineAsync($"created sharing group '{group.Name}' with {group.MemberOrgIds.Count} member organisation(s).");
            return ExitCodes.Ok;
        }));

        var groupId = new Argument<Guid>("group") { Description = "The sharing group's id (printed by 'admin group create')." };
        var org = new Option<string>("--org") { Description = "The organisation to add (name or id).", Required = true };
        var add = new Command("add-member", "Add an organisation to a sharing group.") { groupId, org };
        add.SetAction((parse, ct) => WithAdminAsync(context, ct, async services =>
        {
            var organisation = await LocalNode.OrganisationAsync(services, parse.GetValue(org), ct);
            var group = Require(await services.GetRequiredService<IAccessAdmin>().AddGroupMemberAsync(parse.GetValue(groupId), organisation.Id, ct));
            await context.Error.WriteLineAsync($"added {organisation.Name} to '{group.Name}' ({group.MemberOrgIds.Count} member organisation(s)).");
            return ExitCodes.Ok;
        }));

        var removeGroup = new Argument<Guid>("group") { Description = "The sharing group's id." };
        var removeOrg = new Option<string>("--org") { Description = "The organisation to remove (name or id); never the owner.", Required = true };
        var remove = new Command("remove-member", "Remove an organisation from a sharing group; it stops reading what others shared there at once.") { removeGroup, removeOrg };
        remove.SetAction((parse, ct) => WithAdminAsync(context, ct, async services =>
        {
            var organisation = await LocalNode.OrganisationAsync(services, parse.GetValue(removeOrg), ct);
            var group = Require(await services.GetRequiredService<IAccessAdmin>().RemoveGroupMemberAsync(parse.GetValue(removeGroup), organisation.Id, ct));
            await context.Error.WriteLineAsync($"removed {organisation.Name} from '{group.Name}' ({group.MemberOrgIds.Count} member organisation(s)).");
            return ExitCodes.Ok;
        }));

        var renameGroup = new Argument<Guid>("group") { Description = "The sharing group's id." };
        var newName = new Argument<string>("name") { Description = "The new name." };
        var rename = new Command("rename", "Rename a sharing group.") { renameGroup, newName };
        rename.SetAction((parse, ct) => WithAdminAsync(context, ct, async services =>
        {
            var group = Require(await services.GetRequiredService<IAccessAdmin>().RenameSharingGroupAsync(parse.GetValue(renameGroup), parse.GetValue(newName)!, ct));
            await context.Error.WriteLineAsync($"renamed the sharing group to '{group.Name}'.");
            return ExitCodes.Ok;
        }));

        var deleteGroup = new Argument<Guid>("group") { Description = "The sharing group's id." };
        var delete = new Command("delete", "Delete a sharing group nothing is shared into any more.") { deleteGroup };
        delete.SetAction((parse, ct) => WithAdminAsync(context, ct, async services =>
        {
            var group = Require(await services.GetRequiredService<IAccessAdmin>().DeleteSharingGroupAsync(parse.GetValue(deleteGroup), ct));
            await context.Error.WriteLineAsync($"deleted the sharing group '{group.Name}'.");
            return ExitCodes.Ok;
        }));

        return new Command("group", "Sharing groups.") { create, add, remove, rename, delete };
    }
}
