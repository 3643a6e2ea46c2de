using System.Collections.Generic;
using System.Linq;

namespace RenderbusPS.Emulator.Store
{
    /// <summary>One error code the farm explains, in both languages (queryAnalyseErrorDetail).</summary>
    internal sealed class EmuErrorInfo
    {
        public int Id;
        public string Code = "";
        public int Type;
        public string DescriptionCn = "";
        public string SolutionCn = "";
        public string DescriptionEn = "";
        public string SolutionEn = "";
        public int Repairable;
        public int Open = 1;
        public long UpdateMs;
    }

    /// <summary>The error codes the emulator's tasks carry, and what they mean.</summary>
    internal static class EmuErrorCatalog
    {
        /// <summary>A frame failed to render (status 45/30 tasks that the farm failed).</summary>
        public const string RenderFailed = "30001";
        /// <summary>The submitted task.json names no frames to render.</summary>
        public const string NoFrames = "50001";

        public static readonly string[] SubmitFailures = { "15000", "15002", "25009", NoFrames };
        public static readonly string[] RenderFailures = { RenderFailed, "30005", "15002" };

        private const long Updated = 1534387709000;

        public static readonly IReadOnlyList<EmuErrorInfo> All = new[]
        {
            new EmuErrorInfo
            {
                Id = 5, Code = "15000", Type = 1,
                DescriptionCn = "启动3ds max卡住或者失败",
                    SolutionCn = "1.检查启用对应版本的3ds max是否有特殊弹窗,有的话手动关闭;\n2.检查操作系统是否设置了高级别的权限",
                DescriptionEn = "3ds Max hung or failed to start",
                    SolutionEn = "1. Check whether the 3ds Max version shows a pop-up at start and close it;\n2. Check whether the operating system requires elevated permissions",
            },
            new EmuErrorInfo
            {
                Id = 7, Code = "15002", Type = 1,
                DescriptionCn = "场景文件损坏或无法打开", SolutionCn = "在本地重新保存场景后再次提交",
                DescriptionEn = "The scene file is damaged or cannot be opened",
                    SolutionEn = "Open and save the scene again locally, then submit it again",
            },
            new EmuErrorInfo
            {
                Id = 12, Code = "10025", Type = 0, Repairable = 1, Open = 0,
                DescriptionCn = "场景中存在丢失的贴图", SolutionCn = "上传丢失的贴图,或忽略此警告继续渲染",
                DescriptionEn = "The scene references missing textures",
                    SolutionEn = "Upload the missing textures, or ignore this warning and render",
            },
            new EmuErrorInfo
            {
                Id = 21, Code = "25009", Type = 1, Repairable = 1,
                DescriptionCn = "场景使用的插件版本与渲染环境不一致", SolutionCn = "在渲染环境中选择场景使用的插件版本 (New-RbRenderEnv)",
                DescriptionEn = "A plugin version the scene uses is not in the render environment",
                    SolutionEn = "Choose the scene's plugin version in the render environment (New-RbRenderEnv)",
            },
            new EmuErrorInfo
            {
                Id = 30, Code = RenderFailed, Type = 1,
                DescriptionCn = "帧渲染失败", SolutionCn = "查看失败帧的渲染日志,修正后重提失败帧",
                DescriptionEn = "A frame failed to render",
                    SolutionEn = "Read the failed frames' render logs, fix the cause and resubmit the failed frames",
            },
            new EmuErrorInfo
            {
                Id = 31, Code = "30005", Type = 1,
                DescriptionCn = "渲染内存不足", SolutionCn = "提高任务的内存配置,或减小场景的内存占用",
                DescriptionEn = "The render ran out of memory",
                    SolutionEn = "Give the task a hardware configuration with more memory, or lighten the scene",
            },
            new EmuErrorInfo
            {
                Id = 40, Code = NoFrames, Type = 1,
                DescriptionCn = "分析结果中没有可渲染的帧或相机", SolutionCn = "检查task.json中的帧范围和可渲染相机",
                DescriptionEn = "The analysis found no frames or cameras to render",
                    SolutionEn = "Check the frame range and renderable cameras in task.json",
            },
        }.Select(e => { e.UpdateMs = Updated + e.Id * 86_400_000L; return e; }).ToArray();

        public static EmuErrorInfo? Find(string code) => All.FirstOrDefault(e => e.Code == code);
    }
}
