using System.ComponentModel.DataAnnotations;

namespace PakAzBot.Core.Serving;

/// <summary>Settings under "Knowledge".</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>The knowledge folder; relative paths are taken from the current folder.</summary>
    [Required(ErrorMessage = "Knowledge:Path is required: the folder of source documents")]
    public string Path { get; set; } = "knowledge";

    /// <summary>Rebuild the index when a file under the knowledge folder changes.</summary>
    public bool Watch { get; set; } = true;

    /// <summary>How long the folder must stay quiet after a change before the rebuild starts.</summary>
    [Range(50, 60_000, ErrorMessage = "Knowledge:WatchDebounceMilliseconds must be between 50 and 60000")]
    public int WatchDebounceMilliseconds { get; set; } = 500;

    /// <summary>
    /// Where moderators' documents go: "folder" (written into <see cref="Path"/>, which the watcher reindexes) or
    /// "git" (committed and pushed to <see cref="Git"/>'s repository, which git-sync brings to every replica).
    /// </summary>
    [RegularExpression("^(folder|git)$", ErrorMessage = "Knowledge:Source must be 'folder' (the default) or 'git'")]
    public string Source { get; set; } = "folder";

    /// <summary>The knowledge repository, for <see cref="Source"/> = git.</summary>
    public Moderation.KnowledgeGitOptions Git { get; set; } = new();
}

/// <summary>Settings under "Admin".</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>The bearer token for the admin API; when unset, the admin API is off.</summary>
    [MinLength(16, ErrorMessage = "Admin:Token must be at least 16 characters, or unset to turn the admin API off")]
    public string? Token { get; set; }
}

/// <summary>Settings under "RateLimit": how many questions one user may ask in a window.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    [Range(1, 100_000, ErrorMessage = "RateLimit:PermitLimit must be between 1 and 100000")]
    public int PermitLimit { get; set; } = 30;

    [Range(1, 86_400, ErrorMessage = "RateLimit:WindowSeconds must be between 1 and 86400")]
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>Settings under "Web".</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>
    /// The address people and other services reach this bot at (https://bot.example.org), when it has one. Teams
    /// shows the timeline picture in its card only from a public https address (<c>{PublicUrl}/api/timeline.png</c>):
    /// a data: URI of the picture is far over the size Teams takes for a whole message. Unset: the card has no picture.
    /// </summary>
    [Url(ErrorMessage = "Web:PublicUrl must be an absolute URL, such as https://bot.example.org")]
    public string? PublicUrl { get; set; }
}
