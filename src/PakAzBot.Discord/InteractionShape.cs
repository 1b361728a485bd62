using System.Text.Json;

namespace PakAzBot.Discord;

/// <summary>
/// Checks that a verified interaction has the shape Discord's documentation gives ("Interaction Object" in
/// "Receiving and Responding") for every field the bot reads, before anything reads it. A signature proves who sent
/// a body, not that it is well formed: a body that differs gets a 400 that names the field, never a 500.
/// </summary>
/// <remarks>
/// Only fields the bot reads are checked, and only as far as it reads them; others may be anything, so a field
/// Discord adds later does no harm. Absent and null are the same for an optional field.
/// <list type="bullet">
/// <item><c>type</c>: an integer interaction type (1 PING, 2 APPLICATION_COMMAND, 3 MESSAGE_COMPONENT,
/// 4 APPLICATION_COMMAND_AUTOCOMPLETE, 5 MODAL_SUBMIT).</item>
/// <item><c>data</c>: an object, always present for types 2 to 5. For commands and autocomplete, <c>name</c> is a
/// string and <c>options</c> an array of options, each with a string <c>name</c>, an integer <c>type</c>, a
/// <c>value</c> that is a string, number or boolean, nested <c>options</c> and a boolean <c>focused</c>;
/// <c>target_id</c> is a snowflake string and <c>resolved.messages</c> maps ids to message objects. For components,
/// <c>custom_id</c> is a string.</item>
/// <item><c>member</c>: a guild member object, whose <c>user</c> is a user object, <c>roles</c> an array of role-id
/// strings and <c>permissions</c> a string; <c>user</c>: a user object, whose <c>id</c> is a string.</item>
/// <item><c>token</c>: a string; <c>message</c>: a message object, whose <c>id</c> is a string and whose
/// <c>embeds</c> are embed objects with an <c>author</c> object and <c>fields</c> objects of strings.</item>
/// <item><c>id</c>, <c>application_id</c>, <c>guild_id</c>: snowflake strings; <c>authorizing_integration_owners</c>:
/// an object mapping installation types ("0" server, "1" user) to id strings.</item>
/// </list>
/// </remarks>
internal static class InteractionShape
{
    private const int MaxOptionDepth = 4;

    /// <summary>What is wrong with the interaction, worded for its sender, or null when it has the documented shape.</summary>
    public static string? Problem(JsonElement interaction)
    {
        if (interaction.ValueKind != JsonValueKind.Object)
        {
            return "the body is not an interaction object";
        }

        if (!interaction.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.Number
            || !typeElement.TryGetInt32(out var type))
        {
            return "\"type\" must be an integer interaction type (1, 2, 3, 4 or 5)";
        }

        if (type == 1)
        {
            return null;
        }

        return Member(interaction) ?? User(interaction, "user", "user") ?? OptionalString(interaction, "token", "token")
               ?? OptionalString(interaction, "id", "id") ?? OptionalString(interaction, "application_id", "application_id")
               ?? OptionalString(interaction, "guild_id", "guild_id") ?? Owners(interaction)
               ?? Message(interaction, "message", "message") ?? Data(interaction, type);
    }

    private static string? Data(JsonElement interaction, int type)
    {
        var present = Present(interaction, "data", out var data);
        if (type is < 2 or > 5)
        {
            // An interaction type the bot does not know: answered with a notice, whatever its data.
            return null;
        }

        if (!present || data.ValueKind != JsonValueKind.Object)
        {
            return "\"data\" must be an object: Discord always sends it with command, component and modal interactions";
        }

        return type switch
        {
            2 or 4 => RequiredString(data, "name", "data.name") ?? Options(data, "data.options", 0) ?? OptionalString(data, "target_id", "data.target_id")
                      ?? Resolved(data),
            3 => RequiredString(data, "custom_id", "data.custom_id"),
            _ => null,
        };
    }

    private static string? Options(JsonElement parent, string path, int depth)
    {
        if (!Present(parent, "options", out var options))
        {
            return null;
        }

        if (options.ValueKind != JsonValueKind.Array || depth > MaxOptionDepth)
        {
            return $"\"{path}\" must be an array of options";
        }

        var i = 0;
        foreach (var option in options.EnumerateArray())
        {
            var at = $"{path}[{i++}]";
            if (option.ValueKind != JsonValueKind.Object)
            {
                return $"\"{at}\" must be an option object";
            }

            var problem = RequiredString(option, "name", at + ".name") ?? OptionalInteger(option, "type", at + ".type")
                          ?? OptionalBoolean(option, "focused", at + ".focused") ?? Options(option, at + ".options", depth + 1);
            if (problem is not null)
            {
                return problem;
            }

            if (Present(option, "value", out var value) && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
            {
                return $"\"{at}.value\" must be a string, a number or a boolean";
            }
        }

        return null;
    }

    private static string? Resolved(JsonElement data)
    {
        if (!Present(data, "resolved", out var resolved))
        {
            return null;
        }

        if (resolved.ValueKind != JsonValueKind.Object)
        {
            return "\"data.resolved\" must be an object";
        }

        if (!Present(resolved, "messages", out var messages))
        {
            return null;
        }

        if (messages.ValueKind != JsonValueKind.Object)
        {
            return "\"data.resolved.messages\" must be an object of message ids to messages";
        }

        foreach (var message in messages.EnumerateObject())
        {
            if (Message(messages, message.Name, $"data.resolved.messages.{message.Name}") is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? Owners(JsonElement interaction)
    {
        if (!Present(interaction, "authorizing_integration_owners", out var owners))
        {
            return null;
        }

        return owners.ValueKind != JsonValueKind.Object || owners.EnumerateObject().Any(o => o.Value.ValueKind != JsonValueKind.String)
            ? "\"authorizing_integration_owners\" must be an object of installation types to id strings"
            : null;
    }

    private static string? Member(JsonElement interaction)
    {
        if (!Present(interaction, "member", out var member))
        {
            return null;
        }

        if (member.ValueKind != JsonValueKind.Object)
        {
            return "\"member\" must be a guild member object";
        }

        if (Present(member, "roles", out var roles)
            && (roles.ValueKind != JsonValueKind.Array || roles.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String)))
        {
            return "\"member.roles\" must be an array of role id strings";
        }

        return User(member, "user", "member.user") ?? OptionalString(member, "permissions", "member.permissions");
    }

    private static string? User(JsonElement parent, string name, string path)
    {
        if (!Present(parent, name, out var user))
        {
            return null;
        }

        return user.ValueKind != JsonValueKind.Object ? $"\"{path}\" must be a user object" : OptionalString(user, "id", path + ".id");
    }

    private static string? Message(JsonElement parent, string name, string path)
    {
        if (!Present(parent, name, out var message))
        {
            return null;
        }

        if (message.ValueKind != JsonValueKind.Object)
        {
            return $"\"{path}\" must be a message object";
        }

        if ((OptionalString(message, "content", path + ".content") ?? OptionalString(message, "id", path + ".id")) is { } problem)
        {
            return problem;
        }

        if (!Present(message, "embeds", out var embeds))
        {
            return null;
        }

        if (embeds.ValueKind != JsonValueKind.Array)
        {
            return $"\"{path}.embeds\" must be an array of embeds";
        }

        foreach (var embed in embeds.EnumerateArray())
        {
            if (embed.ValueKind != JsonValueKind.Object)
            {
                return $"\"{path}.embeds\" must be an array of embed objects";
            }

            if (Present(embed, "author", out var author)
                && (author.ValueKind != JsonValueKind.Object || OptionalString(author, "name", "") is not null))
            {
                return $"\"{path}.embeds[].author\" must be an object with a string name";
            }

            if (Present(embed, "fields", out var fields)
                && (fields.ValueKind != JsonValueKind.Array || fields.EnumerateArray().Any(f => f.ValueKind != JsonValueKind.Object
                    || OptionalString(f, "name", "") is not null || OptionalString(f, "value", "") is not null)))
            {
                return $"\"{path}.embeds[].fields\" must be an array of objects with a string name and value";
            }
        }

        return null;
    }

    private static string? RequiredString(JsonElement parent, string name, string path) =>
        Present(parent, name, out var value) && value.ValueKind == JsonValueKind.String ? null : $"\"{path}\" must be a string";

    private static string? OptionalString(JsonElement parent, string name, string path) =>
        Present(parent, name, out var value) && value.ValueKind != JsonValueKind.String ? $"\"{path}\" must be a string" : null;

    private static string? OptionalInteger(JsonElement parent, string name, string path) =>
        Present(parent, name, out var value) && (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out _)) ? $"\"{path}\" must be an integer" : null;

    private static string? OptionalBoolean(JsonElement parent, string name, string path) =>
        Present(parent, name, out var value) && value.ValueKind is not (JsonValueKind.True or JsonValueKind.False) ? $"\"{path}\" must be true or false" : null;

    private static bool Present(JsonElement parent, string name, out JsonElement value) =>
        parent.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
}
