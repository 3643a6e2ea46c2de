namespace RenderbusPS.Core.Tests;

/// <summary>
/// The examples of the API 2.0 document (seed 004), as API2-NOTES.md quotes them; the query_task answer normalized
/// (full-width commas and the "..." element removed, API2-NOTES §2.2.3), the requests verbatim.
/// </summary>
internal static class Api2Fixtures
{
    /// <summary>004 L133-149.</summary>
    public const string CreateTask = """
{
  "head": {
    "access_key": "0WEQE123FDASDF",
    "account": "012345678901234567890123456789",
    "msg_locale": "zh",
    "action": "create_task"
  },
 "body": {
    "submit_account": "frank01",
    "project_name":"test",
    "input_scene_path":"D/maya/zulu.mb",
    "cg_soft_name":"maya 2015",
    "frames":"1-10"
  }
}
""";

    /// <summary>004 L568-587.</summary>
    public const string CreateVRStandaloneTask = """
{
  "head": {
    "access_key": "MjAxNzA3MjExMjE3MDA0MDQwNjcwMDQ=",
    "account": "wupeng",
    "msg_locale": "zh",
    "action": "create_vrstandalone_task"
  },
 "body": {
    "project_name":"defaultProject",
    "input_scene_path":"D/maya/vr_test1.vrscene",
    "cg_soft_name":"V-Ray_standalone",
     "plugin_name":"vray 3.10.01",
    "frames":"1",
    "image_width":"320",
    "image_height":"640"
  }
}
""";

    /// <summary>004 L612-640.</summary>
    public const string CreateHoudiniTask = """
{
  "head": {
    "access_key": "MjAxNzA3MjExMjE3MDA0MDQwNjcwMDQ=",
    "account": "wupeng",
    "msg_locale": "zh",
    "action": "create_houdini_task"
  },
 "body": {
    "project_name":"defaultProject",
    "input_scene_path":"D/renderFile/test.hip",
    "cg_soft_name":"houdini 13",
    "layer_list":  [
               {
               "frames":"1-240[1]",
               "layerName":"/obj/grid_object1/rop_geometry1",
               "option":"0"
               },
               {
               "frames":"1-20[1]",
               "layerName":"/out/mantra1",
               "option":"-1"
               }
     ]
  }
}
""";

    /// <summary>004 L656-673.</summary>
    public const string CreateBlenderTask = """
{
  "head": {
	"access_key": "MjAxNzA3MjExMjE3MDA0MDQwNjcwMDQ=",
	"account": "wupeng",
	"msg_locale": "zh",
	"action": "create_blender_task"
  },
 "body": {
    	"project_name":"defaultProject",
    	"input_scene_path":"D/renderFile/blender276_test/test_276.blend",
	"cg_soft_name":"blender 2.78c",
     	"frames":"1"
  }
}
""";

    /// <summary>004 L304-323: operate_order "restart" is not the digit the table asks for.</summary>
    public const string OperateTask = """
{
  "head": {
	"access_key": "03mnjfytdskjfsa3bhf=9lopdhe",
	"account": "fivemine",
	"msg_locale": "zh",
	"submit_date": "2016-08-25 20:08:12",
	"action": "operate_task"
  },
 "body": {
	"task_id": "900001",
	"operate_order": "restart",
	"restart_type": 0,
	"frame": "1-100[1]"
  }
}
""";

    /// <summary>004 L221-275, normalized.</summary>
    public const string QueryTaskAnswer = """
{
  "body": {
    "data": [
      {
        "task_id": "5101184",
        "project_name": "J_Team",
        "task_status": "Start",
        "task_type": "0",
        "cg_soft_name": "maya2014",
        "scene_name": "Ep045_SC008__v001.ma",
        "frames": "101-123[1]",
        "executing": "3",
        "done": "7",
        "aborted": "0",
        "waiting": "13",
        "failed": "0",
        "submit_time": "2016-10-11 14:26:03",
        "fee": "RMB:2.58",
        "jobs": [
          {
            "job_id": "5",
            "job_name": "frame0106",
            "job_status": "Done",
            "start_time": "20161011144433",
            "end_time": "20161011145128",
            "consume_time": "415",
            "log": "abc\r\ndef\r\nhij\r\n",
            "render_log": "abc\r\ndef\r\nhij\r\n",
            "process_log": "abc\r\ndef\r\nhij\r\n"
          },
          {
            "job_id": "6",
            "job_name": "frame0107",
            "job_status": "Done",
            "start_time": "20161011144439",
            "end_time": "20161011145024",
            "consume_time": "345",
            "log": "abc\r\ndef\r\nhij\r\n",
            "render_log": "abc\r\ndef\r\nhij\r\n",
            "process_log": "abc\r\ndef\r\nhij\r\n"
          }
        ]
      }
    ],
    "total_size": 1
  },
  "head": {
    "result": "0"
  }
}
""";
}
