#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# Submitting and following tasks as a user does: create, upload task.json, submit, watch the progress grid, list the
# output, and explain the error codes of failed tasks. The farm's clock stands still (-Speed 0) and moves with Advance.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
    $script:emulator = Start-RbEmulator -Seed 7 -TaskCount 150 -Speed 0 -Confirm:$false
    Connect-Renderbus -Emulator $script:emulator
    $script:dir = Join-Path ([System.IO.Path]::GetTempPath()) ('rbsubmit' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:dir | Out-Null
    $script:taskJson = Join-Path $script:dir 'task.json'
    Set-Content -Path $script:taskJson -Encoding UTF8 -Value @'
{
  "task_info": { "input_cg_file": "D:/max/lobby_sh020_v002.max", "frames": "1-6[1]", "frames_per_task": "1", "cg_id": "2001", "camera": "VRayCam001" }
}
'@
}

AfterAll {
    Disconnect-Renderbus -Confirm:$false
    Stop-RbEmulator -Confirm:$false
    Remove-Item -Recurse -Force $script:dir -ErrorAction SilentlyContinue
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'New-RbTask' {
    It 'creates empty tasks in status Submitting that Get-RbTask lists first' {
        $tasks = New-RbTask -Count 2 -Priority 60 -Artist jane
        $tasks.Count | Should -Be 2
        $tasks[0] | Should -BeOfType RenderbusPS.Core.Models.RbTask
        $tasks.Status | Select-Object -Unique | Should -Be 'Submitting'
        $tasks.Priority | Select-Object -Unique | Should -Be 60
        (Get-RbTask -First 2).Id | Sort-Object | Should -Be ($tasks.Id | Sort-Object)
    }

    It 'sends nothing with -WhatIf' {
        $emulator.ClearRequests()
        New-RbTask -Count 3 -WhatIf | Should -BeNullOrEmpty
        $emulator.Requests | Should -BeNullOrEmpty
    }

    It 'refuses a bad count with a stable error id and sends nothing' {
        $emulator.ClearRequests()
        New-RbTask -Count 0 -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.InvalidTaskCount*'
        $emulator.Requests | Should -BeNullOrEmpty
    }
}

Describe 'Send-RbTaskFile and Submit-RbTask' {
    It 'creates, uploads and submits through the pipeline, and the farm renders the task' {
        $task = New-RbTask | Send-RbTaskFile -Path $taskJson -PassThru | Submit-RbTask -Producer jane -PassThru -Confirm:$false
        $task.Status | Should -Be 'Analysing'
        $task.SceneName | Should -Be 'lobby_sh020_v002.max'
        $task.TotalFrames | Should -Be 6
        $emulator.Advance([TimeSpan]::FromHours(1))
        $done = Get-RbTask -Id $task.Id
        ($done.DoneFrames + $done.FailedFrames) | Should -Be 6
        $done.Cost | Should -BeGreaterThan 0
    }

    It 'stops on a malformed file naming it and the position, sending nothing' {
        $bad = Join-Path $dir 'upload.json'
        Set-Content -Path $bad -Value "{`n  `"asset`": [1, 2,,]`n}"
        $task = New-RbTask
        $emulator.ClearRequests()
        { $task | Send-RbTaskFile -Path $bad -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.InvalidTaskFileJson*'
        try { $task | Send-RbTaskFile -Path $bad -ErrorAction Stop } catch { $_.Exception.Message | Should -Match 'upload\.json.*line 2' }
        $emulator.Requests | Should -BeNullOrEmpty
    }

    It 'refuses an unknown file name' {
        { Send-RbTaskFile -TaskId 1 -Content '{}' -FileName scene.json -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.InvalidTaskFileName*'
    }

    It 'sends nothing with -WhatIf' {
        $task = New-RbTask
        $emulator.ClearRequests()
        $task | Send-RbTaskFile -Content '{"task_info":{"frames":"1"}}' -WhatIf
        $task | Submit-RbTask -WhatIf
        $emulator.Requests | Should -BeNullOrEmpty
        (Get-RbTask -Id $task.Id).Status | Should -Be 'Submitting'
    }

    It 'reports each task that cannot be submitted as its own error and submits the others' {
        $tasks = New-RbTask -Count 3
        $tasks[1] | Send-RbTaskFile -Path $taskJson
        $out = $tasks | Submit-RbTask -PassThru -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 1
        $out.Id | Should -Be $tasks[1].Id
        $err.Count | Should -Be 2
        $err.TargetObject | Sort-Object | Should -Be (@($tasks[0].Id, $tasks[2].Id) | Sort-Object)
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.Fail*'
        $tasks[1] | Submit-RbTask -Confirm:$false -ErrorVariable again -ErrorAction SilentlyContinue
        $again[0].Exception.Message | Should -Match 'already submitted'
    }
}

Describe 'Get-RbErrorDetail' {
    It 'explains the codes of failed tasks piped in, each code once' {
        $failed = Get-RbTask -Status Failed, SubmitFailed
        $failed | Should -Not -BeNullOrEmpty
        $details = $failed | Get-RbErrorDetail
        $details[0] | Should -BeOfType RenderbusPS.Core.Models.RbErrorDetail
        ($details.Code | Sort-Object) | Should -Be ($failed.ErrorCode | Sort-Object -Unique)
        $details.Description | Should -Not -Contain $null
    }

    It 'answers in Chinese and reports an unknown code as its own error' {
        $out = Get-RbErrorDetail -Code 15000, 99999 -Language Chinese -ErrorVariable err -ErrorAction SilentlyContinue
        $out.Description | Should -Be '启动3ds max卡住或者失败'
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.ErrorCodeNotFound*'
        $err[0].TargetObject | Should -Be '99999'
    }

    It 'skips tasks without a code' {
        $emulator.ClearRequests()
        Get-RbTask -Status Finished -First 3 | Get-RbErrorDetail | Should -BeNullOrEmpty
        $emulator.Requests | Where-Object Operation -eq 'queryAnalyseErrorDetail' | Should -BeNullOrEmpty
    }
}

Describe 'Get-RbTaskProgress' {
    It 'writes typed blocks that follow the frames, and a grid drawn as text' {
        $task = New-RbTask | Send-RbTaskFile -Path $taskJson -PassThru | Submit-RbTask -PassThru -Confirm:$false
        $blocks = $task | Get-RbTaskProgress
        $blocks.Count | Should -Be 24
        $blocks[0] | Should -BeOfType RenderbusPS.Core.Models.RbProgressBlock
        $blocks.Status | Select-Object -Unique | Should -Be 'Waiting'
        $emulator.Advance([TimeSpan]::FromHours(1))
        $grid = Get-RbTaskProgress -Id $task.Id -Grid
        $grid.DoneBlocks | Should -BeGreaterThan 0
        $text = ($grid | Out-String)
        $text | Should -Match 'frame 1 '
        $text | Should -Match 'finished'
    }

    It 'reports a missing task as an error with the id' {
        Get-RbTaskProgress -TaskId 12345 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.TaskNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 12345
    }
}

Describe 'Get-RbOutputFile' {
    It 'walks a finished task''s output and Measure-Object sums its sizes' {
        $task = New-RbTask | Send-RbTaskFile -Path $taskJson -PassThru | Submit-RbTask -PassThru -Confirm:$false
        $emulator.Advance([TimeSpan]::FromHours(1))
        $emulator.ClearRequests()
        $all = $task | Get-RbOutputFile -Recurse
        $files = $all | Where-Object { -not $_.IsDirectory }
        $finished = (Get-RbFrame -TaskId $task.Id | Where-Object Status -eq Finished).Count
        @($files).Count | Should -Be $finished
        @($emulator.Requests | Where-Object Operation -eq 'getOutputUserDirFile').Count | Should -Be (@($all | Where-Object IsDirectory).Count + 1)
        ($files | Measure-Object -Sum Size).Sum | Should -BeGreaterThan (2000000 * $finished - 1)
        $files.TaskId | Select-Object -Unique | Should -Be $task.Id
    }

    It 'lists the root and refuses a path that climbs out' {
        (Get-RbOutputFile | Where-Object IsDirectory).Count | Should -BeGreaterThan 5
        { Get-RbOutputFile -Path '/a/../b' -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.InvalidOutputPath*'
    }
}
