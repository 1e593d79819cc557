cwlVersion: v1.2
class: Workflow
doc: Test pipeline - one step that sleeps, to cancel or kill a run while it is RUNNING.
inputs:
  seconds: int
  sample_name: string
steps:
  wait:
    run:
      class: CommandLineTool
      requirements:
        ShellCommandRequirement: {}
      inputs:
        seconds: int
      arguments:
        - shellQuote: false
          valueFrom: sleep $(inputs.seconds) && echo done > done.txt
      outputs:
        done:
          type: File
          outputBinding: {glob: done.txt}
    in: {seconds: seconds}
    out: [done]
outputs:
  done: {type: File, outputSource: wait/done}
