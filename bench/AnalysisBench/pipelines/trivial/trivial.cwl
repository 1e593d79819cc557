cwlVersion: v1.2
class: Workflow
doc: Benchmark pipeline - one step that writes one line; the engine's and the queue's cost without a tool's.
inputs:
  sample_name: string
steps:
  touch:
    run:
      class: CommandLineTool
      baseCommand: [echo, done]
      inputs: {}
      stdout: done.txt
      outputs:
        done: {type: stdout}
    in: {}
    out: [done]
outputs:
  done: {type: File, outputSource: touch/done}
