# Getting to know the user: role, grade or situation, region, interests, about, interest quiz.

onboarding-role = Tell me a little about yourself so I can suggest professions for you. Who are you?
role-school = Schoolchild
role-college_student = College student
role-career_change = Working, want to change profession
role-job_seeker = Looking for a job
role-senior = Retired or close to retirement
role-teacher = Teacher
role-employer = Employer representative

onboarding-grade = Which grade are you in?
grade-option = Grade { $grade }

onboarding-situations =
    Mark what applies to you (several are fine). It affects whether you can study for free.
    When you are done, tap "Done".
situation-unemployed = Out of work now
situation-childcare_leave = On parental leave
situation-disability = Have a disability
situation-pre_pension = Over 50 or close to retirement

onboarding-region = Which region are you from? Choose from the list or type its name, for example: "Tomsk".
onboarding-region-other = Another region — I'll type it
onboarding-region-type = Type the name of your region or city, for example: "Perm" or "Tver region".
onboarding-region-found = I found several options. Choose yours:
onboarding-region-found-one = I found this region. If it's yours, choose it:
onboarding-region-not-found = I couldn't find the region "{ $text }". Try another spelling, for example: "Orenburg".
onboarding-region-set = Region: { $region }.
onboarding-region-confirm = Are you from { $region }?
onboarding-region-yes = Yes
onboarding-region-no = No, another one

onboarding-interests =
    What interests you? Mark everything you like and tap "Done".
interest-technology = Machines and mechanisms
interest-it = Computers and IT
interest-creative = Art and design
interest-people = People and helping
interest-nature = Nature and animals
interest-medicine = Medicine
interest-business = Business and trade
interest-construction = Construction
interest-transport = Transport
interest-food_service = Food and service
interest-beauty = Beauty and style
interest-science = Science and experiments

onboarding-about = Tell me in your own words what you like doing. For example: "I like taking gadgets apart" or "I want to work with children".
onboarding-about-short = The message is long, I kept the first { $limit } characters.

onboarding-quiz-offer = Would you like a quick interest quiz? 12 questions, about two minutes. It helps me suggest professions more precisely.
onboarding-quiz-start = Take the quiz
onboarding-quiz-skip = Skip, show professions

quiz-question = Question { $number } of { $total }. Would you enjoy…
    { $activity }
quiz-like = I'd like it
quiz-neutral = Don't mind
quiz-dislike = I wouldn't
quiz-item-1 = Building furniture or repairing household appliances yourself
quiz-item-2 = Doing experiments in a laboratory
quiz-item-3 = Drawing, coming up with designs
quiz-item-4 = Helping people sort out their difficulties
quiz-item-5 = Starting your own business
quiz-item-6 = Keeping spreadsheets and reports on a computer
quiz-item-7 = Driving a car, a tractor or other machinery
quiz-item-8 = Finding out why water gets polluted and how to fix it
quiz-item-9 = Composing music, shooting video or making special effects
quiz-item-10 = Explaining things and teaching others
quiz-item-11 = Leading a team and being responsible for the result
quiz-item-12 = Keeping track of goods in a warehouse

quiz-result = Done! Here is what I see: { $summary }
quiz-result-none = The quiz showed no strong preferences — that's normal. I'll suggest professions from your answers.
riasec-R = you like working with your hands and with machines
riasec-I = you like exploring and finding out how things work
riasec-A = creative work is close to you
riasec-S = you like helping people and teaching
riasec-E = you like leading and negotiating
riasec-C = you like order, precision and working with data

onboarding-done = Thank you! Now I'll pick professions and training programmes for you.
onboarding-resume = Welcome back! Let's continue where we stopped.
onboarding-restarted = All right, let's start over.
onboarding-use-buttons = Please choose an option with the buttons below. You can tap "Skip".
onboarding-use-buttons-only = Please choose an option with the buttons below.

nav-back = « Back
nav-skip = Skip
nav-done = Done
nav-restart = Start over
