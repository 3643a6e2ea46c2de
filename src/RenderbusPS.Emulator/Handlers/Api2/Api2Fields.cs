using System.Collections.Generic;
using System.Linq;

namespace RenderbusPS.Emulator.Handlers.Api2
{
    /// <summary>What a field of API 2.0 holds: text, a whole number, a decimal or a JSON array.</summary>
    internal enum Api2Kind
    {
        Text,
        Int,
        Float,
        Array,
    }

    /// <summary>One field of an action's table in the document: required, kind, longest length, allowed
    /// values.</summary>
    internal sealed class Api2Field
    {
        public Api2Field(string name, Api2Kind kind, bool required, int max, string[] allowed)
        {
            Name = name;
            Kind = kind;
            Required = required;
            Max = max;
            Allowed = allowed;
        }

        public string Name { get; }
        public Api2Kind Kind { get; }
        public bool Required { get; }
        /// <summary>Longest length, a character outside ASCII counting 2; 0 for no limit.</summary>
        public int Max { get; }
        /// <summary>The only values allowed (as text); empty for any.</summary>
        public string[] Allowed { get; }
    }

    /// <summary>
    /// The request tables of the document (API2-NOTES §1.2, §2), one list of fields per action. Fields not listed are
    /// ignored, as the document says.
    /// </summary>
    internal static class Api2Fields
    {
        private static Api2Field S(string name, int max = 0, bool req = false, params string[] allowed)
            => new Api2Field(name, Api2Kind.Text, req, max, allowed);

        private static Api2Field I(string name, bool req = false, params string[] allowed)
            => new Api2Field(name, Api2Kind.Int, req, 0, allowed);

        private static Api2Field F(string name) => new Api2Field(name, Api2Kind.Float, false, 0, new string[0]);

        private static readonly string[] Flag = { "0", "1" };

        public static readonly Api2Field[] Head =
        {
            S("access_key", 32, true), S("account", 32, true), S("action", 32, true), S("msg_locale", 0, false, "zh",
                "en"),
        };

        private static Api2Field[] Create(params Api2Field[] own)
            => new[] { S("project_name", 64, true), S("input_scene_path", 512, true), S("cg_soft_name", 64, true),
                I("priority"), S("user_remark") }.Concat(own).ToArray();

        private static readonly Api2Field[] RenderCommon =
            { S("first_frames"), S("after_first_render", 0, false, "fullSpeed", "stop"), S("artist") };

        public static readonly Dictionary<string, Api2Field[]> ByAction = new Dictionary<string, Api2Field[]>
        {
            ["create_task"] = Create(new[] { S("submit_account", 64), S("frames", 64, true), I("multi_pass", false,
                Flag),
                S("kg", 64), S("output_file_name", 64), S("output_file_format", 64), I("image_width"),
                    I("image_height"),
                S("attr1", 64), S("attr2", 4000), S("tiles", 32), F("timeout"), S("plugin_name", 512), S("camera", 64),
                S("render_layer", 64), I("submit_type", false, Flag),
                    S("environments") }.Concat(RenderCommon).ToArray()),
            ["create_max_task"] = Create(S("submit_account", 64), S("frames", 64), S("output_file_name", 64),
                S("output_file_format", 64), I("image_width"), I("image_height"), S("tiles", 32), F("timeout"),
                S("camera", 64), S("environments")),
            ["create_sketchup_task"] = Create(S("submit_account", 64), S("output_file_format", 64),
                I("image_width", true), I("image_height", true), S("plugin_name", 512), S("environments"),
                I("use_vary", true, Flag), S("page_name", 64, true), I("render_type", true, "1", "2"),
                I("total_frame"), I("total_time")),
            ["create_vrstandalone_task"] = Create(new[] { S("submit_account", 64), S("frames", 64, true),
                I("multi_pass", false, Flag), S("output_file_name", 64), S("output_file_format", 64), I("image_width"),
                I("image_height"), S("plugin_name", 512), S("environments"), S("limitHosts") }
                .Concat(RenderCommon).ToArray()),
            ["create_houdini_task"] = Create(new[] { S("plugin_name", 512), S("environments", 512),
                new Api2Field("layer_list", Api2Kind.Array, true, 0, new string[0]) }.Concat(RenderCommon).ToArray()),
            ["create_blender_task"] = Create(new[] { S("submit_account", 64), S("frames", 64, true),
                S("plugin_name", 512) }.Concat(RenderCommon).ToArray()),
            ["query_task"] = new[]
            {
                I("task_id"), S("project_name", 32), I("is_sub_included", false, Flag), I("is_jobs_included", false,
                    Flag),
                S("is_logs_included", 0, false, Flag), S("task_status", 0, false,
                    Core.Models.RbApi2Words.TaskWords.ToArray()),
                I("del_flag", false, Flag), I("task_type", false, "0", "1", "2"), S("cg_soft_name", 32),
                S("input_scene_path", 256), S("camera", 256), S("render_layer", 256), S("start_date_after", 32),
                S("start_date_before", 32), S("completed_date_after", 32), S("completed_date_before", 32),
                S("fromWhere", 0, false, "api", "web"), S("task_over_time"), S("submit_account", 32), S("artist", 32),
                S("user_remark", 256), I("sort_code", false, "0", "1", "2"), I("sort_type", false, Flag),
                I("is_paging", false, Flag), I("page_size"), I("page_no"),
            },
            ["operate_task"] = new[]
            {
                S("task_id", 256, true), I("operate_order", true, "0", "1", "2", "3"),
                I("restart_type", false, "0", "1", "2", "3", "4"), I("task_over_time"), I("priority"), S("frame", 64),
            },
            ["query_project"] = new[]
            {
                I("project_id"), S("project_name", 32), S("project_path", 256), S("cg_soft_name", 32),
                S("plugin_name", 32), S("render_os", 0, false, "Windows", "Linux"), I("is_default", false, Flag),
                S("user_remark", 256), S("sub_account", 32), I("is_sub_included", false, Flag),
            },
            ["query_plugin"] = new[] { S("cg_soft_name", 32), S("plugin_name", 32) },
            ["create_project"] = new[]
            {
                S("project_name", 20, true), S("project_path", 256), S("render_os", 0, false, "Windows", "Linux"),
                S("user_remark", 256), S("sub_account", 32),
            },
            ["operate_project"] = new[]
            {
                I("project_id", true), S("sub_account", 32), S("project_name", 20), S("project_path", 256),
                S("render_os", 0, false, "Windows", "Linux"), S("user_remark", 256), I("operate_type", false, "0", "1",
                    "2"),
                I("config_id"), S("cg_soft_name", 32), S("plugin_name", 256), I("is_default", false, Flag),
            },
            ["query_customer"] = new[] { S("login_name", 32) },
            ["update_customer"] = new[]
            {
                S("login_name", 32), I("notification_type", false, "0", "1", "2", "3"),
                I("notification_mode", false, "1", "2", "3"), S("notification_address", 256),
            },
        };
    }
}
