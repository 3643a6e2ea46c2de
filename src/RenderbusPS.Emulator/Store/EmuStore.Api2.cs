using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RenderbusPS.Emulator.Store
{
    /// <summary>A software configuration of a project (API 2.0's operate_project): software, plugins,
    /// default.</summary>
    internal sealed class EmuProjectConfig
    {
        public long Id;
        public string Software = "";
        /// <summary>Plugins as a comma list ("vray 3.10.01,yeti 2.1"), empty for none.</summary>
        public string Plugins = "";
        public bool IsDefault;
    }

    /// <summary>What API 2.0 knows of a project beyond REST's id and name.</summary>
    internal sealed class EmuProjectDetails
    {
        public string Path = "";
        public string Os = "Windows";
        public string Remark = "";
        public long CreatedMs;
        public readonly List<EmuProjectConfig> Configs = new List<EmuProjectConfig>();
    }

    /// <summary>A task-event notification (update_customer).</summary>
    internal sealed class EmuNotification
    {
        public int Type;
        public int Mode;
        public string Address = "";
    }

    /// <summary>The account as API 2.0 sees it: its sub-accounts, notifications and project details.</summary>
    internal sealed partial class EmuStore
    {
        /// <summary>True when API 2.0 refuses the account (1013).</summary>
        public bool AccountDisabled;

        /// <summary>Sub-accounts of the account (query_customer lists them with the main account).</summary>
        public IReadOnlyList<string> SubAccounts => SubAccountList;

        /// <summary>The sub-accounts, two seeded; RbEmulator.AddSubAccount adds more.</summary>
        public List<string> SubAccountList => subAccounts ??= new List<string> { UserName + "_artist1", UserName
            + "_artist2" };

        private List<string>? subAccounts;

        public readonly Dictionary<string, EmuNotification> Notifications = new Dictionary<string, EmuNotification>(
            StringComparer.Ordinal);

        private readonly Dictionary<long, EmuProjectDetails> projectDetails = new Dictionary<long, EmuProjectDetails>();

        /// <summary>The software text an API 2.0 create action gave its task (<c>cg_soft_name</c>), by task
        /// id.</summary>
        public readonly Dictionary<long, string> SoftwareNames = new Dictionary<long, string>();

        /// <summary>The scene path an API 2.0 create action gave its task (<c>input_scene_path</c>), by task
        /// id.</summary>
        public readonly Dictionary<long, string> ScenePaths = new Dictionary<long, string>();

        /// <summary>A task's scene as API 2.0 answers it: the path it was submitted with, else its scene
        /// name.</summary>
        public string ScenePathOf(EmuTask t) => ScenePaths.TryGetValue(t.Id, out var path) ? path : t.SceneName;

        /// <summary>The id the next project configuration gets.</summary>
        public long NextConfigId = 52001;

        /// <summary>True for the main account or one of its sub-accounts.</summary>
        public bool IsAccount(string? name) => name == UserName || SubAccounts.Contains(name);

        /// <summary>A project's API 2.0 details, made (with the seeded defaults) on first use.</summary>
        public EmuProjectDetails DetailsOf(EmuProject project)
        {
            if (!projectDetails.TryGetValue(project.Id, out var d))
            {
                d = new EmuProjectDetails
                {
                    Path = "D/projects/" + project.Name,
                    CreatedMs = Clock.NowMs - (project.Id % 97) * 86_400_000L,
                };
                projectDetails[project.Id] = d;
            }
            return d;
        }

        /// <summary>The owner name of a project as API 2.0 answers it.</summary>
        public string OwnerOf(EmuProject project) => project.Owner == EmuProjectOwner.Sibling ? SubAccounts[0]
            : UserName;

        /// <summary>"yyyy-MM-dd HH:mm:ss" in the service's wall clock (UTC+8).</summary>
        public static string WallClock(long? ms)
            => ms.HasValue
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms.Value).ToOffset(TimeSpan.FromHours(8))
                    .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
                : "";

        /// <summary>"yyyyMMddHHmmss" in the service's wall clock (job times).</summary>
        public static string JobClock(long? ms)
            => ms.HasValue
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms.Value).ToOffset(TimeSpan.FromHours(8))
                    .ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
                : "";
    }
}
