namespace PakAzBot.Discord.Gateway;

/// <summary>Gateway opcodes ("Opcodes and Status Codes", Gateway Opcodes, in Discord's documentation).</summary>
internal static class GatewayOpcode
{
    public const int Dispatch = 0;
    public const int Heartbeat = 1;
    public const int Identify = 2;
    public const int Resume = 6;
    public const int Reconnect = 7;
    public const int InvalidSession = 9;
    public const int Hello = 10;
    public const int HeartbeatAck = 11;
}

/// <summary>Gateway intents ("Gateway", List of Intents): only what answering needs, none privileged.</summary>
internal static class GatewayIntents
{
    public const int Guilds = 1 << 0;
    public const int GuildMessages = 1 << 9;
    public const int DirectMessages = 1 << 12;

    /// <summary>
    /// MESSAGE_CONTENT (1 &lt;&lt; 15) is privileged and left out: Discord still sends the content of messages that
    /// mention the bot and of DMs to it.
    /// </summary>
    public const int Needed = Guilds | GuildMessages | DirectMessages;
}

/// <summary>Gateway close event codes ("Opcodes and Status Codes", Gateway Close Event Codes).</summary>
internal static class GatewayCloseCodes
{
    public const int InvalidSequence = 4007;
    public const int SessionTimedOut = 4009;

    /// <summary>
    /// What to fix for a close code after which Discord says not to reconnect, or null when reconnecting is right.
    /// </summary>
    public static string? Fatal(int? code) => code switch
    {
        4004 => "authentication failed (4004): Discord:BotToken is not this application's bot token; copy it again from the Developer Portal's Bot page",
        4010 => "invalid shard (4010): Discord:Gateway:Shards does not fit this bot; leave it unset for Discord's recommendation",
        4011 => "sharding required (4011): the bot is in too many servers for its shard count; raise Discord:Gateway:Shards or leave it unset",
        4012 => "invalid API version (4012): this build speaks Gateway v10, which Discord no longer accepts; update PakAzBot",
        4013 => "invalid intents (4013): the intents sent are not a valid bit field; update PakAzBot",
        4014 => "disallowed intents (4014): an intent sent is not allowed for this bot; in the Developer Portal's Bot page switch on the intents docs/discord-gateway.md lists",
        _ => null,
    };

    /// <summary>After these the session cannot be resumed: connect again and identify.</summary>
    public static bool EndsSession(int? code) => code is InvalidSequence or SessionTimedOut;
}
